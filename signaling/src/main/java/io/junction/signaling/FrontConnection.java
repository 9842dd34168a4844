package io.junction.signaling;

/**
 * One connection of another front (socket.io) to the same rooms as {@code /ws}: it feeds client
 * frames in the JSON form of PROTOCOL.md to the connection's protocol state machine, so rate
 * limits, size limits, authentication, room capacity and relaying are exactly those of
 * {@code /ws}. Replies and room notices come back through the {@link FrameWire} given to
 * {@link SignalingServer#connect}. Thread-safe.
 */
public final class FrontConnection {
    private final ClientHandler handler;

    FrontConnection(ClientHandler handler) {
        this.handler = handler;
    }

    /** One client frame (a PROTOCOL.md client message as JSON text). */
    public void onFrame(String frame) {
        handler.onText(frame);
    }

    /**
     * Input the front could not even turn into a frame: costs one message of the rate limit (like
     * any frame) and is answered with an {@code error} of {@code code} (an {@link ErrorCodes} value).
     */
    public void reject(String code, String message, String ref) {
        handler.onInvalid(code, message, ref);
    }

    /** The connection ended: an implicit {@code leave}. Idempotent. */
    public void close() {
        handler.onClose();
    }
}
