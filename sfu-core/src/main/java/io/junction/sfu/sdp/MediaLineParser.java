package io.junction.sfu.sdp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Parses an {@code m=} line (RFC 8866 section 5.14) into a section builder. */
final class MediaLineParser {

    private MediaLineParser() {
    }

    static MediaDescription.Builder parse(int lineNo, String value) throws SdpParseException {
        String[] t = value.split(" ");
        if (t.length < 4) {
            throw new SdpParseException(lineNo, "bad m-line (needs media, port, proto and formats): "
                    + SdpParser.abbreviate(value));
        }
        if (!t[0].matches("[a-z]+")) {
            throw new SdpParseException(lineNo, "bad m-line media type: " + SdpParser.abbreviate(t[0]));
        }
        MediaDescription.Builder b = MediaDescription.builder(t[0], t[2]);
        String portText = t[1];
        int slash = portText.indexOf('/');
        if (slash >= 0) {
            b.portCount = number(lineNo, portText.substring(slash + 1), 1, 65535, "port count");
            portText = portText.substring(0, slash);
        }
        b.port = number(lineNo, portText, 0, 65535, "port");
        if (!SdpParser.PROTOS.contains(t[2])) {
            throw new SdpParseException(lineNo, "bad m-line proto: " + SdpParser.abbreviate(t[2]));
        }
        int formatCount = t.length - 3;
        if (formatCount > SdpLimits.MAX_CODECS_PER_SECTION) {
            throw new SdpParseException(lineNo, formatCount + " formats on the m-line, limit "
                    + SdpLimits.MAX_CODECS_PER_SECTION);
        }
        boolean rtp = t[2].contains("RTP/");
        List<String> formats = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 3; i < t.length; i++) {
            if (t[i].isEmpty()) {
                throw new SdpParseException(lineNo, "bad m-line: empty format");
            }
            if (rtp) {
                number(lineNo, t[i], 0, 127, "payload type");
            }
            if (!seen.add(t[i])) {
                throw new SdpParseException(lineNo, "duplicate format " + t[i] + " on the m-line");
            }
            formats.add(t[i]);
        }
        b.formats = formats;
        return b;
    }

    /** Parses a decimal in [min, max]; otherwise throws naming {@code what}. */
    static int number(int lineNo, String text, int min, int max, String what) throws SdpParseException {
        if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new SdpParseException(lineNo, "bad " + what + ": " + SdpParser.abbreviate(text));
        }
        long v = Long.parseLong(text);
        if (v < min || v > max) {
            throw new SdpParseException(lineNo, what + " " + v + " out of range " + min + "-" + max);
        }
        return (int) v;
    }
}
