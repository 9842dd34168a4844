package io.junction.ice;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One ICE candidate as carried in SDP {@code a=candidate} (RFC 8839 §5.1).
 *
 * <p>{@link #parse} accepts the attribute value with or without the leading {@code candidate:} (the SDP
 * attribute value has none; the JSEP {@code RTCIceCandidate.candidate} string has it). {@link #toSdpValue()}
 * produces the SDP attribute value without the prefix; {@link #toJsepString()} adds it.
 *
 * @param foundation   1..32 ice-chars
 * @param component    1..256
 * @param transport    lower-case transport token, e.g. {@code udp}
 * @param priority     1..2^32-1
 * @param address      connection address (IP literal or an FQDN such as an mDNS {@code .local} name)
 * @param port         0..65535
 * @param type         {@code host}, {@code srflx}, {@code prflx} or {@code relay}
 * @param relatedAddress {@code raddr}, or null
 * @param relatedPort  {@code rport}, or -1
 * @param extensions   further name/value pairs in order (e.g. {@code generation 0})
 */
public record Candidate(String foundation, int component, String transport, long priority, String address,
                        int port, String type, String relatedAddress, int relatedPort,
                        Map<String, String> extensions) {

    /** Validates every field; IllegalArgumentException names the field and the allowed range. */
    public Candidate {
        require(foundation != null && !foundation.isEmpty() && foundation.length() <= 32
                && isIceChars(foundation), "foundation must be 1..32 ice-chars: " + foundation);
        require(component >= 1 && component <= 256, "component must be 1..256: " + component);
        require(transport != null && !transport.isEmpty(), "transport must be a non-empty token");
        transport = transport.toLowerCase(Locale.ROOT);
        require(priority >= 1 && priority <= 0xFFFF_FFFFL, "priority must be 1..4294967295: " + priority);
        require(address != null && !address.isEmpty(), "address must be non-empty");
        require(port >= 0 && port <= 65535, "port must be 0..65535: " + port);
        require(type != null && (type.equals("host") || type.equals("srflx") || type.equals("prflx")
                || type.equals("relay")), "type must be host, srflx, prflx or relay: " + type);
        require(relatedPort >= -1 && relatedPort <= 65535, "rport must be 0..65535: " + relatedPort);
        extensions = extensions == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }

    /** A host candidate with no related address and no extensions. */
    public static Candidate host(String foundation, int component, long priority, String address, int port) {
        return new Candidate(foundation, component, "udp", priority, address, port, "host", null, -1, Map.of());
    }

    /**
     * RFC 8445 §5.1.2.1 priority: (2^24)*typePreference + (2^8)*localPreference + (256 - componentId).
     */
    public static long priority(int typePreference, int localPreference, int component) {
        return ((long) typePreference << 24) + ((long) localPreference << 8) + (256 - component);
    }

    /**
     * Parses an {@code a=candidate} value (RFC 8839 §5.1), with or without a leading {@code candidate:}.
     *
     * @throws IllegalArgumentException with a message naming the bad field
     */
    public static Candidate parse(String value) {
        if (value == null) {
            throw new IllegalArgumentException("candidate is null");
        }
        // trim, not strip: only ASCII whitespace/control characters are separators or line ends here
        String s = value.trim();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7F) {
                // RFC 8866 §9: no CR, LF or NUL inside an attribute; written back into SDP it would forge lines
                throw new IllegalArgumentException("candidate contains control character 0x"
                        + Integer.toHexString(c) + " at index " + i);
            }
        }
        if (s.regionMatches(true, 0, "a=", 0, 2)) {
            s = s.substring(2);
        }
        if (s.regionMatches(true, 0, "candidate:", 0, 10)) {
            s = s.substring(10);
        }
        String[] t = s.split("[ \t]+");
        if (t.length < 8) {
            throw new IllegalArgumentException("candidate needs at least 8 fields "
                    + "(foundation component transport priority address port typ type), got " + t.length);
        }
        int component = parseInt("component", t[1]);
        long priority = parseLong("priority", t[3]);
        int port = parseInt("port", t[5]);
        if (!t[6].equals("typ")) {
            throw new IllegalArgumentException("expected 'typ' as the 7th field, got '" + t[6] + "'");
        }
        String raddr = null;
        int rport = -1;
        Map<String, String> ext = new LinkedHashMap<>();
        for (int i = 8; i < t.length; i += 2) {
            if (i + 1 >= t.length) {
                throw new IllegalArgumentException("extension '" + t[i] + "' has no value");
            }
            switch (t[i]) {
                case "raddr" -> raddr = t[i + 1];
                case "rport" -> rport = parseInt("rport", t[i + 1]);
                default -> ext.put(t[i], t[i + 1]);
            }
        }
        return new Candidate(t[0], component, t[2], priority, t[4], port, t[7], raddr, rport, ext);
    }

    /** The SDP attribute value (after {@code a=candidate:}). */
    public String toSdpValue() {
        StringBuilder b = new StringBuilder(96);
        b.append(foundation).append(' ').append(component).append(' ').append(transport).append(' ')
                .append(priority).append(' ').append(address).append(' ').append(port).append(" typ ").append(type);
        if (relatedAddress != null) {
            b.append(" raddr ").append(relatedAddress);
        }
        if (relatedPort >= 0) {
            b.append(" rport ").append(relatedPort);
        }
        extensions.forEach((k, v) -> b.append(' ').append(k).append(' ').append(v));
        return b.toString();
    }

    /** The JSEP form, {@code candidate:} + {@link #toSdpValue()}. */
    public String toJsepString() {
        return "candidate:" + toSdpValue();
    }

    private static boolean isIceChars(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '+' || c == '/';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static int parseInt(String field, String v) {
        long l = parseLong(field, v);
        if (l > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(field + " out of range: " + v);
        }
        return (int) l;
    }

    private static long parseLong(String field, String v) {
        if (v.isEmpty() || v.length() > 10) {
            throw new IllegalArgumentException(field + " is not a number of at most 10 digits: '" + v + "'");
        }
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                throw new IllegalArgumentException(field + " is not a decimal number: '" + v + "'");
            }
        }
        return Long.parseLong(v);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Equality helper ignoring extensions: same transport address and type. */
    public boolean sameAddress(Candidate o) {
        return Objects.equals(address, o.address) && port == o.port && Objects.equals(transport, o.transport);
    }
}
