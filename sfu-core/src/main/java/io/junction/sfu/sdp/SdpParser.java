package io.junction.sfu.sdp;

import io.junction.dtls.Fingerprint;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses SDP text (RFC 8866) into a {@link SessionDescription}. Lines may end in CRLF or LF.
 * Every problem is a {@link SdpParseException} naming the 1-based line; sizes are bounded by
 * {@link SdpLimits}. Unknown attributes and lines are kept verbatim.
 */
public final class SdpParser {

    /** Protocols accepted on m-lines (RFC 8829 section 5.1.2, RFC 8841 section 4). */
    static final Set<String> PROTOS = Set.of(
            "UDP/TLS/RTP/SAVPF", "TCP/TLS/RTP/SAVPF", "RTP/SAVPF", "RTP/SAVP", "RTP/AVPF", "RTP/AVP",
            "UDP/TLS/RTP/SAVP", "UDP/DTLS/SCTP", "TCP/DTLS/SCTP", "DTLS/SCTP");

    /** Attributes that only make sense inside an m-section (RFC 8859 categories). */
    private static final Set<String> MEDIA_ONLY = Set.of(
            "mid", "rtpmap", "fmtp", "rtcp-fb", "ssrc", "ssrc-group", "msid", "rid", "simulcast",
            "rtcp-mux", "rtcp-rsize", "rtcp", "candidate", "bundle-only", "sctp-port", "max-message-size");

    private SdpParser() {
    }

    /**
     * Parses one SDP.
     *
     * @throws SdpParseException when the text is not acceptable SDP; the message starts with "line N:"
     */
    public static SessionDescription parse(String sdp) throws SdpParseException {
        if (sdp == null || sdp.isEmpty()) {
            throw new SdpParseException(1, "empty SDP, expected v=0");
        }
        if (sdp.length() > SdpLimits.MAX_SDP_CHARS) {
            throw new SdpParseException(0, "SDP is " + sdp.length() + " characters, limit "
                    + SdpLimits.MAX_SDP_CHARS);
        }
        List<String> lines = splitLines(sdp);
        if (lines.isEmpty() || !lines.get(0).equals("v=0")) {
            throw new SdpParseException(1, "expected v=0");
        }
        SessionDescription.Builder session = SessionDescription.builder(null);
        List<MediaAttributeParser> sections = new ArrayList<>();
        MediaAttributeParser current = null;
        for (int i = 1; i < lines.size(); i++) {
            int lineNo = i + 1;
            String line = lines.get(i);
            char type = line.charAt(0);
            String value = line.substring(2);
            if (type == 'm') {
                if (sections.size() == SdpLimits.MAX_MEDIA_SECTIONS) {
                    throw new SdpParseException(lineNo, "more than " + SdpLimits.MAX_MEDIA_SECTIONS + " m-sections");
                }
                if (session.origin == null) {
                    throw new SdpParseException(lineNo, "m= before o=");
                }
                current = new MediaAttributeParser(MediaLineParser.parse(lineNo, value));
                sections.add(current);
            } else if (current != null) {
                current.line(lineNo, type, value, line);
            } else {
                sessionLine(session, lineNo, type, value, line);
            }
        }
        if (session.origin == null) {
            throw new SdpParseException(lines.size(), "missing o= line");
        }
        for (MediaAttributeParser p : sections) {
            session.media.add(p.build());
        }
        return session.build();
    }

    private static List<String> splitLines(String sdp) throws SdpParseException {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int lineNo = 1;
        while (start < sdp.length()) {
            int nl = sdp.indexOf('\n', start);
            int end = nl < 0 ? sdp.length() : nl;
            int contentEnd = end > start && sdp.charAt(end - 1) == '\r' ? end - 1 : end;
            String line = sdp.substring(start, contentEnd);
            checkLine(lineNo, line);
            lines.add(line);
            start = end + 1;
            lineNo++;
        }
        // Trailing empty lines (a final CRLF already ends the loop) are tolerated.
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isEmpty()) {
                throw new SdpParseException(i + 1, "empty line");
            }
        }
        return lines;
    }

    private static void checkLine(int lineNo, String line) throws SdpParseException {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f || c == '\r') {
                throw new SdpParseException(lineNo, "illegal character 0x" + Integer.toHexString(c));
            }
        }
        if (line.isEmpty()) {
            return;
        }
        // RFC 8866 section 5: <type>=<value>, type is exactly one case-significant letter.
        if (line.length() < 2 || line.charAt(1) != '=' || line.charAt(0) < 'a' || line.charAt(0) > 'z') {
            throw new SdpParseException(lineNo, "not a <type>=<value> line: " + abbreviate(line));
        }
    }

    private static void sessionLine(SessionDescription.Builder s, int lineNo, char type, String value, String line)
            throws SdpParseException {
        switch (type) {
            case 'v' -> throw new SdpParseException(lineNo, "repeated v= line");
            case 'o' -> s.origin = parseOrigin(lineNo, value);
            case 's' -> s.sessionName = value;
            case 't' -> s.timing = value;
            case 'a' -> sessionAttribute(s, lineNo, value);
            default -> s.otherLines.add(line);
        }
    }

    private static Origin parseOrigin(int lineNo, String value) throws SdpParseException {
        String[] t = value.split(" ");
        if (t.length != 6) {
            throw new SdpParseException(lineNo, "bad o= line: " + abbreviate(value));
        }
        try {
            long version = Long.parseUnsignedLong(t[2]);
            return new Origin(t[0], t[1], version, t[3], t[4], t[5]);
        } catch (NumberFormatException e) {
            throw new SdpParseException(lineNo, "bad o= session version: " + abbreviate(t[2]));
        }
    }

    private static void sessionAttribute(SessionDescription.Builder s, int lineNo, String attr)
            throws SdpParseException {
        int colon = attr.indexOf(':');
        String name = colon < 0 ? attr : attr.substring(0, colon);
        String value = colon < 0 ? null : attr.substring(colon + 1);
        if (MEDIA_ONLY.contains(name)) {
            throw new SdpParseException(lineNo, "a=" + name + " is not allowed before the first m= line");
        }
        switch (name) {
            case "group" -> s.groups.add(parseGroup(lineNo, required(lineNo, name, value)));
            case "ice-ufrag" -> s.iceUfrag = required(lineNo, name, value);
            case "ice-pwd" -> s.icePwd = required(lineNo, name, value);
            case "ice-options" -> s.iceOptions = required(lineNo, name, value);
            case "ice-lite" -> s.iceLite = true;
            case "fingerprint" -> s.fingerprint = parseFingerprint(lineNo, required(lineNo, name, value));
            case "setup" -> s.setup = parseSetup(lineNo, required(lineNo, name, value));
            case "msid-semantic" -> s.msidSemantic = required(lineNo, name, value);
            case "extmap-allow-mixed" -> s.extmapAllowMixed = true;
            default -> s.otherAttributes.add(attr);
        }
    }

    static Group parseGroup(int lineNo, String value) throws SdpParseException {
        String[] t = value.trim().split(" +");
        if (t.length == 0 || t[0].isEmpty()) {
            throw new SdpParseException(lineNo, "bad group: " + abbreviate(value));
        }
        List<String> mids = new ArrayList<>();
        for (int i = 1; i < t.length; i++) {
            mids.add(t[i]);
        }
        return new Group(t[0], mids);
    }

    static Fingerprint parseFingerprint(int lineNo, String value) throws SdpParseException {
        String[] t = value.trim().split(" +");
        if (t.length != 2) {
            throw new SdpParseException(lineNo, "bad fingerprint: " + abbreviate(value));
        }
        try {
            return new Fingerprint(t[0], t[1]); // RFC 8122 §5: known hash function, digest of its length
        } catch (IllegalArgumentException e) {
            throw new SdpParseException(lineNo, "bad fingerprint: " + e.getMessage());
        }
    }

    static String parseSetup(int lineNo, String value) throws SdpParseException {
        // RFC 4145 section 4.
        return switch (value) {
            case "actpass", "active", "passive", "holdconn" -> value;
            default -> throw new SdpParseException(lineNo, "bad setup: " + abbreviate(value));
        };
    }

    static String required(int lineNo, String name, String value) throws SdpParseException {
        if (value == null || value.isEmpty()) {
            throw new SdpParseException(lineNo, "a=" + name + " needs a value");
        }
        return value;
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }
}
