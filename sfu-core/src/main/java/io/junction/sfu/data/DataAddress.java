package io.junction.sfu.data;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Addressed messages (docs/PROTOCOL.md, "Targeted delivery"): on a channel whose DCEP protocol is
 * {@link #PROTOCOL}, what a participant sends names its recipients.
 * <ul>
 *   <li>text: a JSON object (RFC 8259) {@code {"to":"<id>"|["<id>",…],"data":"<text>"}}; without
 *       {@code to} (or with an empty list) the message goes to the whole room; no other members;</li>
 *   <li>binary: one byte k (number of recipients, 0 = the whole room), k times a 2-byte big-endian
 *       length n and n bytes of a participant id in UTF-8, then the payload.</li>
 * </ul>
 * Pure functions; the parse methods return null for input that does not follow the format.
 */
public final class DataAddress {
    /** The DCEP sub-protocol (RFC 8832 §5.1 "Protocol") that makes a channel addressed. */
    public static final String PROTOCOL = "junction-to";
    /** Most recipients in one message. */
    public static final int MAX_TARGETS = 255;

    private DataAddress() {
    }

    /** An addressed message: its recipients (empty: the whole room) and its content. */
    public record Addressed(List<String> to, String text, byte[] binary) {
        public boolean roomWide() {
            return to.isEmpty();
        }
    }

    /** True when messages sent on a channel with this protocol are addressed. */
    public static boolean isAddressed(String protocol) {
        return PROTOCOL.equals(protocol);
    }

    /** Builds a binary addressed message (a client's side); null when an id or the list is too long. */
    public static byte[] binary(List<String> to, byte[] payload) {
        if (to.size() > MAX_TARGETS) {
            return null;
        }
        List<byte[]> ids = new ArrayList<>(to.size());
        int len = 1 + payload.length;
        for (String s : to) {
            byte[] id = s.getBytes(StandardCharsets.UTF_8);
            if (id.length > DataEnvelope.MAX_ID_BYTES) {
                return null;
            }
            ids.add(id);
            len += 2 + id.length;
        }
        byte[] out = new byte[len];
        out[0] = (byte) ids.size();
        int p = 1;
        for (byte[] id : ids) {
            out[p] = (byte) (id.length >>> 8);
            out[p + 1] = (byte) id.length;
            System.arraycopy(id, 0, out, p + 2, id.length);
            p += 2 + id.length;
        }
        System.arraycopy(payload, 0, out, p, payload.length);
        return out;
    }

    /** Builds a text addressed message (a client's side). */
    public static String text(List<String> to, String data) {
        StringBuilder sb = new StringBuilder(data.length() + 32);
        sb.append("{\"to\":[");
        for (int i = 0; i < to.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            DataEnvelope.quote(sb, to.get(i));
        }
        sb.append("],\"data\":");
        DataEnvelope.quote(sb, data);
        return sb.append('}').toString();
    }

    /** Splits a binary addressed message; null when shorter than its prefix says. */
    public static Addressed parseBinary(byte[] m) {
        if (m == null || m.length < 1) {
            return null;
        }
        int k = m[0] & 0xFF;
        List<String> to = new ArrayList<>(k);
        int p = 1;
        for (int i = 0; i < k; i++) {
            if (m.length < p + 2) {
                return null;
            }
            int n = ((m[p] & 0xFF) << 8) | (m[p + 1] & 0xFF);
            if (n == 0 || m.length < p + 2 + n) {
                return null;
            }
            to.add(new String(m, p + 2, n, StandardCharsets.UTF_8));
            p += 2 + n;
        }
        byte[] payload = new byte[m.length - p];
        System.arraycopy(m, p, payload, 0, payload.length);
        return new Addressed(List.copyOf(to), null, payload);
    }

    /** Parses a text addressed message; null when it is not exactly the JSON object described above. */
    public static Addressed parseText(String s) {
        if (s == null) {
            return null;
        }
        try {
            return new TextParser(s).object();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A strict reader of the one JSON shape above (RFC 8259 §4, §5, §7). */
    private static final class TextParser {
        private final String s;
        private int i;

        TextParser(String s) {
            this.s = s;
        }

        Addressed object() {
            ws();
            expect('{');
            List<String> to = null;
            String data = null;
            ws();
            if (peek() != '}') {
                while (true) {
                    ws();
                    String key = string();
                    ws();
                    expect(':');
                    ws();
                    if (key.equals("to") && to == null) {
                        to = targets();
                    } else if (key.equals("data") && data == null) {
                        data = string();
                    } else {
                        throw new IllegalArgumentException("member " + key);
                    }
                    ws();
                    if (peek() == ',') {
                        i++;
                        continue;
                    }
                    break;
                }
            }
            expect('}');
            ws();
            if (i != s.length() || data == null) {
                throw new IllegalArgumentException("trailing input or no data");
            }
            if (to == null) {
                to = List.of();
            }
            if (to.size() > MAX_TARGETS) {
                throw new IllegalArgumentException("too many targets");
            }
            return new Addressed(to, data, null);
        }

        private List<String> targets() {
            if (peek() == '"') {
                return List.of(nonEmpty(string()));
            }
            expect('[');
            List<String> out = new ArrayList<>();
            ws();
            if (peek() == ']') {
                i++;
                return List.of();
            }
            while (true) {
                ws();
                out.add(nonEmpty(string()));
                ws();
                char c = next();
                if (c == ']') {
                    return List.copyOf(out);
                }
                if (c != ',') {
                    throw new IllegalArgumentException("array");
                }
            }
        }

        private static String nonEmpty(String id) {
            if (id.isEmpty()) {
                throw new IllegalArgumentException("empty id");
            }
            return id;
        }

        private String string() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return sb.toString();
                }
                if (c < 0x20) {
                    throw new IllegalArgumentException("control character");
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                char e = next();
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (i + 4 > s.length()) {
                            throw new IllegalArgumentException("short \\u");
                        }
                        int v = 0;
                        for (int k = 0; k < 4; k++) {
                            int d = Character.digit(s.charAt(i++), 16);
                            if (d < 0) {
                                throw new IllegalArgumentException("bad \\u");
                            }
                            v = v * 16 + d;
                        }
                        sb.append((char) v);
                    }
                    default -> throw new IllegalArgumentException("bad escape");
                }
            }
        }

        private void ws() {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                i++;
            }
        }

        private char peek() {
            if (i >= s.length()) {
                throw new IllegalArgumentException("end of input");
            }
            return s.charAt(i);
        }

        private char next() {
            char c = peek();
            i++;
            return c;
        }

        private void expect(char c) {
            if (next() != c) {
                throw new IllegalArgumentException("expected " + c);
            }
        }
    }
}
