package io.junction.signaling;

/** Client-supplied text made safe to log: at most {@link #MAX_CHARS} characters, control characters escaped. */
public final class LogText {
    /** Longest client-supplied value one log line carries. */
    public static final int MAX_CHARS = 200;

    private LogText() {
    }

    /** {@code value} cut to {@link #MAX_CHARS} (with "...(N chars)" when cut) and with C0/C1 controls as {@code \\uXXXX}. */
    public static String cap(String value) {
        if (value == null) {
            return null;
        }
        int n = Math.min(value.length(), MAX_CHARS);
        StringBuilder b = new StringBuilder(n + 24);
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (value.length() > MAX_CHARS) {
            b.append("...(").append(value.length()).append(" chars)");
        }
        return b.toString();
    }
}
