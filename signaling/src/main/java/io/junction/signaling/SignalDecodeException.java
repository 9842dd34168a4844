package io.junction.signaling;

/**
 * A client frame could not be turned into a {@link SignalMessage.Client}. {@link #code()} is
 * {@code bad-json}, {@code bad-message} or {@code too-large}; {@link #ref()} is the frame's
 * {@code type} when it was readable, else null.
 */
public final class SignalDecodeException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String code;
    private final String ref;

    public SignalDecodeException(String code, String message, String ref) {
        super(message);
        this.code = code;
        this.ref = ref;
    }

    public String code() {
        return code;
    }

    public String ref() {
        return ref;
    }
}
