package io.junction.sfu.data;

import java.nio.charset.StandardCharsets;

/**
 * How a relayed data-channel message names its sender (docs/PROTOCOL.md, "Data channels"). A
 * participant sends raw messages; the server delivers them to the other participants wrapped:
 * <ul>
 *   <li>text (PPID 51): {@code {"from":"<sender id>","data":"<the text>"}} (JSON, RFC 8259);</li>
 *   <li>binary (PPID 53): a 2-byte big-endian length n, n bytes of the sender id in UTF-8, then
 *       the payload unchanged;</li>
 *   <li>server notices (text): {@code {"server":"<kind>","reason":"<text>"}}, e.g. kind
 *       {@code cut-off} before the server closes a receiver's reliable channel.</li>
 * </ul>
 * Pure functions; the parse methods return null for input that is not an envelope.
 */
public final class DataEnvelope {
    /** Longest sender id in UTF-8 bytes (the binary prefix's length field). */
    public static final int MAX_ID_BYTES = 0xFFFF;

    private DataEnvelope() {
    }

    /** A binary message from {@code from}, or null when the id is longer than {@link #MAX_ID_BYTES}. */
    public static byte[] binary(String from, byte[] payload) {
        byte[] id = from.getBytes(StandardCharsets.UTF_8);
        if (id.length > MAX_ID_BYTES) {
            return null;
        }
        byte[] out = new byte[2 + id.length + payload.length];
        out[0] = (byte) (id.length >>> 8);
        out[1] = (byte) id.length;
        System.arraycopy(id, 0, out, 2, id.length);
        System.arraycopy(payload, 0, out, 2 + id.length, payload.length);
        return out;
    }

    /** A received binary envelope split into sender and payload. */
    public record Binary(String from, byte[] payload) {
    }

    /** Splits a binary envelope; null when shorter than its prefix says. */
    public static Binary parseBinary(byte[] m) {
        if (m == null || m.length < 2) {
            return null;
        }
        int n = ((m[0] & 0xFF) << 8) | (m[1] & 0xFF);
        if (m.length < 2 + n) {
            return null;
        }
        byte[] payload = new byte[m.length - 2 - n];
        System.arraycopy(m, 2 + n, payload, 0, payload.length);
        return new Binary(new String(m, 2, n, StandardCharsets.UTF_8), payload);
    }

    /** A text message from {@code from}. */
    public static String text(String from, String text) {
        StringBuilder sb = new StringBuilder(text.length() + from.length() + 24);
        sb.append("{\"from\":");
        quote(sb, from);
        sb.append(",\"data\":");
        quote(sb, text);
        return sb.append('}').toString();
    }

    /** A server notice (no sender). */
    public static String notice(String kind, String reason) {
        StringBuilder sb = new StringBuilder(reason.length() + 32);
        sb.append("{\"server\":");
        quote(sb, kind);
        sb.append(",\"reason\":");
        quote(sb, reason);
        return sb.append('}').toString();
    }

    /** The length of {@code s} in UTF-8 as {@code String.getBytes(UTF_8)} encodes it (an unpaired surrogate as '?'). */
    public static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                n++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** Appends {@code s} as a JSON string (RFC 8259 §7): quote, backslash and controls escaped. */
    static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
