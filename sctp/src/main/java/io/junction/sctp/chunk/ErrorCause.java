package io.junction.sctp.chunk;

import java.nio.charset.StandardCharsets;

/** Error cause codes of ERROR and ABORT chunks (RFC 9260 §3.3.10). */
public final class ErrorCause {
    public static final int INVALID_STREAM = 1;
    public static final int MISSING_PARAMETER = 2;
    public static final int STALE_COOKIE = 3;
    public static final int OUT_OF_RESOURCE = 4;
    public static final int UNRECOGNIZED_CHUNK = 6;
    public static final int INVALID_PARAMETER = 7;
    public static final int UNRECOGNIZED_PARAMETERS = 8;
    public static final int NO_USER_DATA = 9;
    public static final int COOKIE_WHILE_SHUTTING_DOWN = 10;
    public static final int USER_INITIATED_ABORT = 12;
    public static final int PROTOCOL_VIOLATION = 13;

    private ErrorCause() {
    }

    /** Writes a cause whose value is UTF-8 text (user abort reason, protocol violation detail). */
    public static int writeText(byte[] b, int at, int code, String text, int maxLen) {
        byte[] t = text.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(t.length, Math.max(0, maxLen - TlvCursor.HEADER));
        return Param.write(b, at, code, t, 0, n);
    }

    /** Writes a Stale Cookie cause with the measure of staleness in microseconds (§3.3.10.3). */
    public static int writeStaleCookie(byte[] b, int at, long stalenessUs) {
        Bytes.put16(b, at, STALE_COOKIE);
        Bytes.put16(b, at + 2, 8);
        Bytes.put32(b, at + 4, Math.min(stalenessUs, 0xFFFFFFFFL));
        return 8;
    }

    /** Human-readable summary of the causes in {@code [off, off+len)}, for logs and close reasons. */
    public static String describe(byte[] b, int off, int len) {
        TlvCursor c = new TlvCursor();
        if (!c.reset(b, off, len)) {
            return "malformed causes";
        }
        StringBuilder sb = new StringBuilder();
        while (c.next()) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append("cause ").append(c.type());
            if (c.type() == USER_INITIATED_ABORT || c.type() == PROTOCOL_VIOLATION) {
                sb.append(": ").append(new String(b, c.valueOffset(), c.valueLength(), StandardCharsets.UTF_8));
            }
        }
        return sb.length() == 0 ? "no cause" : sb.toString();
    }
}
