package io.junction.sfu.sdp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The restrictions part of {@code a=rid} (RFC 8851 section 10):
 * <pre>
 *   [ SP "pt=" fmt *( "," fmt ) *( ";" rid-param ) / SP rid-param *( ";" rid-param ) ]
 *   rid-param = max-width / max-height / max-fps / max-fs / max-br / max-pps  [ "=" 1*DIGIT ]
 *             / max-bpp [ "=" 1*DIGIT "." 1*DIGIT ] / "depend=" rid-id *( "," rid-id )
 *             / 1*(alpha-numeric / "-") [ "=" param-val ]
 * </pre>
 * Numbers are -1 when absent (or given without a value). {@code max-fps} also accepts a
 * decimal value, which browsers have been seen to write.
 *
 * @param payloadTypes the {@code pt=} list, empty for all formats of the m-line
 * @param depend       the rids this one depends on (layered coding)
 * @param other        unknown parameters in order, value "" when none
 */
public record RidRestrictions(List<Integer> payloadTypes, long maxWidth, long maxHeight, double maxFps, long maxFs,
                              long maxBr, long maxPps, double maxBpp, List<String> depend, Map<String, String> other) {
    /** No restriction at all. */
    public static final RidRestrictions NONE = new RidRestrictions(List.of(), -1, -1, -1, -1, -1, -1, -1,
            List.of(), Map.of());

    public RidRestrictions {
        payloadTypes = List.copyOf(payloadTypes);
        depend = List.copyOf(depend);
        other = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(other));
    }

    /**
     * rid-id: RFC 8851 section 10 as published, {@code 1*(alpha-numeric / "-" / "_")}, at most
     * 255 characters (erratum 7132 narrows it to alphanumerics; browsers use those).
     */
    public static boolean isRidId(String s) {
        if (s.isEmpty() || s.length() > 255) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses the text after {@code "<rid-id> <send|recv> "} ("" for none).
     *
     * @throws SdpParseException on text outside the grammar
     */
    public static RidRestrictions parse(int lineNo, String text) throws SdpParseException {
        if (text.isEmpty()) {
            return NONE;
        }
        List<Integer> pts = new ArrayList<>();
        long[] ints = {-1, -1, -1, -1, -1}; // width, height, fs, br, pps
        double fps = -1;
        double bpp = -1;
        List<String> depend = new ArrayList<>();
        Map<String, String> other = new LinkedHashMap<>();
        String[] params = text.split(";", -1);
        for (int i = 0; i < params.length; i++) {
            String p = params[i];
            int eq = p.indexOf('=');
            String key = eq < 0 ? p : p.substring(0, eq);
            String val = eq < 0 ? null : p.substring(eq + 1);
            switch (key) {
                case "pt" -> {
                    if (i != 0 || val == null) {
                        throw bad(lineNo, text, "pt= must come first and have a value");
                    }
                    for (String f : val.split(",", -1)) {
                        pts.add(MediaLineParser.number(lineNo, f, 0, 127, "rid payload type"));
                    }
                }
                case "max-width" -> ints[0] = integer(lineNo, text, key, val);
                case "max-height" -> ints[1] = integer(lineNo, text, key, val);
                case "max-fs" -> ints[2] = integer(lineNo, text, key, val);
                case "max-br" -> ints[3] = integer(lineNo, text, key, val);
                case "max-pps" -> ints[4] = integer(lineNo, text, key, val);
                case "max-fps" -> fps = decimal(lineNo, text, key, val, true);
                case "max-bpp" -> bpp = decimal(lineNo, text, key, val, false);
                case "depend" -> {
                    if (val == null) {
                        throw bad(lineNo, text, "depend needs rid-ids");
                    }
                    for (String r : val.split(",", -1)) {
                        if (!isRidId(r)) {
                            throw bad(lineNo, text, "bad rid-id in depend");
                        }
                        depend.add(r);
                    }
                }
                default -> {
                    if (!isOtherKey(key) || val != null && !isParamVal(val)) {
                        throw bad(lineNo, text, "bad parameter '" + SdpParser.abbreviate(p) + "'");
                    }
                    other.put(key, val == null ? "" : val);
                }
            }
        }
        return new RidRestrictions(pts, ints[0], ints[1], fps, ints[2], ints[3], ints[4], bpp, depend, other);
    }

    private static long integer(int lineNo, String text, String key, String val) throws SdpParseException {
        if (val == null) {
            return -1;
        }
        if (val.isEmpty() || val.length() > 18 || !val.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw bad(lineNo, text, key + " must be digits");
        }
        return Long.parseLong(val);
    }

    private static double decimal(int lineNo, String text, String key, String val, boolean integerAllowed)
            throws SdpParseException {
        if (val == null) {
            return -1;
        }
        if (val.length() > 24 || !val.matches(integerAllowed ? "\\d+(\\.\\d+)?" : "\\d+\\.\\d+")) {
            throw bad(lineNo, text, key + " must be " + (integerAllowed ? "a number" : "digits.digits"));
        }
        return Double.parseDouble(val);
    }

    private static boolean isOtherKey(String k) {
        return !k.isEmpty() && k.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'z'
                || c >= 'A' && c <= 'Z' || c == '-');
    }

    /** param-val = *( %x20-3A / %x3C-7E ): anything printable but ';'. */
    private static boolean isParamVal(String v) {
        return v.chars().allMatch(c -> c >= 0x20 && c <= 0x7E && c != ';');
    }

    private static SdpParseException bad(int lineNo, String text, String why) {
        return new SdpParseException(lineNo, "bad rid restrictions (" + why + "): " + SdpParser.abbreviate(text));
    }
}
