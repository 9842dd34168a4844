package io.junction.sfu.sdp;

/**
 * The SDP text could not be parsed. The message reads {@code "line N: reason"} with the 1-based
 * line number ({@code 0} when the problem concerns the whole text, e.g. its size).
 * The code is always {@value SdpException#BAD_SDP}.
 */
public final class SdpParseException extends SdpException {
    private static final long serialVersionUID = 1L;
    private final int line;

    public SdpParseException(int line, String reason) {
        super(BAD_SDP, "line " + line + ": " + reason);
        this.line = line;
    }

    /** The 1-based line number, or 0 for a whole-text problem. */
    public int line() {
        return line;
    }
}
