package io.junction.signaling.iceservers;

import java.util.Locale;

/**
 * One STUN or TURN server URL as handed to browsers in {@code joined.iceServers}, validated:
 * {@code stun:HOST[:PORT]} (RFC 7064 §3.1) or {@code turn:} / {@code turns:HOST[:PORT][?transport=udp|tcp]}
 * (RFC 7065 §3.1). HOST is an IPv4 address, a bracketed IPv6 address or a DNS name (RFC 3986 §3.2.2,
 * without percent-encoding); PORT is 1..65535. {@code stuns:} is refused: browsers do not implement it.
 * Schemes and the transport are case-insensitive and kept in lower case in {@link #text()}.
 *
 * @param scheme    {@code stun}, {@code turn} or {@code turns}
 * @param host      as written (IPv6 with its brackets)
 * @param port      the port, or -1 when absent (the scheme's default: 3478, or 5349 for turns)
 * @param transport {@code udp}, {@code tcp}, or null when absent
 */
public record IceServerUrl(String scheme, String host, int port, String transport) {
    /** Longest URL accepted. */
    public static final int MAX_LENGTH = 512;
    private static final String EXPECTED =
            "expected stun:HOST[:PORT], turn:HOST[:PORT][?transport=udp|tcp] or turns:HOST[:PORT][?transport=udp|tcp]";
    private static final String TRANSPORT = "?transport=";

    /** True for {@code turn} and {@code turns}: these need credentials. */
    public boolean isTurn() {
        return !scheme.equals("stun");
    }

    /** The canonical text: lower-case scheme and transport, host as written. */
    public String text() {
        return scheme + ":" + host + (port < 0 ? "" : ":" + port) + (transport == null ? "" : TRANSPORT + transport);
    }

    @Override
    public String toString() {
        return text();
    }

    /**
     * Parses {@code url}; a bad one throws {@link IllegalArgumentException} whose message starts
     * with {@code option} (the name the user set it by) and says what is wrong.
     */
    public static IceServerUrl parse(String option, String url) {
        if (url == null || url.isEmpty()) {
            throw bad(option, url, "empty");
        }
        if (url.length() > MAX_LENGTH) {
            throw bad(option, url, "longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= ' ' || c >= 127) {
                throw bad(option, url, "contains a space, control or non-ASCII character at index " + i);
            }
        }
        int colon = url.indexOf(':');
        if (colon < 0) {
            throw bad(option, url, "no scheme");
        }
        String scheme = url.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!scheme.equals("stun") && !scheme.equals("turn") && !scheme.equals("turns")) {
            throw bad(option, url, "scheme '" + url.substring(0, colon) + "' is not stun, turn or turns");
        }
        String rest = url.substring(colon + 1);
        if (rest.startsWith("//")) {
            throw bad(option, url, "no '//' after the scheme (RFC 7064/7065 URIs have no authority part)");
        }
        String transport = null;
        int query = rest.indexOf('?');
        if (query >= 0) {
            if (scheme.equals("stun")) {
                throw bad(option, url, "a stun: URL takes no query (RFC 7064 §3.1)");
            }
            String q = rest.substring(query);
            if (!q.regionMatches(true, 0, TRANSPORT, 0, TRANSPORT.length())) {
                throw bad(option, url, "the only query allowed is ?transport=udp or ?transport=tcp");
            }
            transport = q.substring(TRANSPORT.length()).toLowerCase(Locale.ROOT);
            if (!transport.equals("udp") && !transport.equals("tcp")) {
                throw bad(option, url, "transport must be udp or tcp");
            }
            rest = rest.substring(0, query);
        }
        int hostEnd = hostEnd(option, url, rest);
        String host = rest.substring(0, hostEnd);
        int port = -1;
        if (hostEnd < rest.length()) {
            if (rest.charAt(hostEnd) != ':') {
                throw bad(option, url, "unexpected '" + rest.charAt(hostEnd) + "' after the host");
            }
            port = port(option, url, rest.substring(hostEnd + 1));
        }
        return new IceServerUrl(scheme, host, port, transport);
    }

    /** Index in {@code rest} just after the host, which it checks. */
    private static int hostEnd(String option, String url, String rest) {
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw bad(option, url, "IPv6 address without its closing ']'");
            }
            String v6 = rest.substring(1, close);
            if (v6.isEmpty() || !v6.contains(":") || !v6.chars().allMatch(c -> c == ':' || c == '.'
                    || Character.digit(c, 16) >= 0)) {
                throw bad(option, url, "'" + v6 + "' is not an IPv6 address");
            }
            return close + 1;
        }
        int end = rest.indexOf(':');
        if (end < 0) {
            end = rest.length();
        }
        String host = rest.substring(0, end);
        if (host.isEmpty()) {
            throw bad(option, url, "no host");
        }
        String reason = HostNames.problem(host);
        if (reason != null) {
            throw bad(option, url, reason);
        }
        return end;
    }

    private static int port(String option, String url, String digits) {
        if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw bad(option, url, "port '" + digits + "' is not a number in 1..65535");
        }
        int port = Integer.parseInt(digits);
        if (port < 1 || port > 65535) {
            throw bad(option, url, "port " + port + " is not in 1..65535");
        }
        return port;
    }

    private static IllegalArgumentException bad(String option, String url, String reason) {
        String shown = url == null ? "null" : url.length() > 80 ? url.substring(0, 80) + "..." : url;
        return new IllegalArgumentException(option + ": '" + shown + "' is not a STUN/TURN URL: " + reason + " ("
                + EXPECTED + ")");
    }
}
