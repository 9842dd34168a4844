package io.junction.signaling;

/** The {@code error.code} values of PROTOCOL.md "Errors". */
public final class ErrorCodes {
    public static final String BAD_JSON = "bad-json";
    public static final String BAD_MESSAGE = "bad-message";
    public static final String TOO_LARGE = "too-large";
    public static final String RATE_LIMITED = "rate-limited";
    public static final String NOT_IN_ROOM = "not-in-room";
    public static final String ALREADY_IN_ROOM = "already-in-room";
    public static final String UNAUTHORIZED = "unauthorized";
    public static final String BAD_SDP = "bad-sdp";
    public static final String UNSUPPORTED = "unsupported";
    public static final String INTERNAL = "internal";
    public static final String PROTOCOL_CLOSED = "protocol-closed";

    private ErrorCodes() {
    }
}
