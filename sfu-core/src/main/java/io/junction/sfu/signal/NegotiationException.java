package io.junction.sfu.signal;

/**
 * A client's negotiation message was refused. {@link #code()} is one of PROTOCOL.md's error
 * codes ({@code bad-sdp}, {@code unsupported}, {@code bad-message}, {@code internal}); the
 * message is human readable and names the reason (for SDP, the line number).
 * The participant's established state is unchanged when this is thrown.
 */
public final class NegotiationException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String code;

    public NegotiationException(String code, String message) {
        super(message);
        this.code = code;
    }

    public NegotiationException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
