package io.junction.signaling;

import java.util.function.Consumer;

/**
 * The transport side of one connection of any front: it carries the server's frames (the JSON
 * text of PROTOCOL.md) to the client, one at a time, and can close the connection. A front that
 * speaks another wire format (socket.io) translates each frame on the way out.
 */
public interface FrameWire {
    /** Starts an asynchronous send; exactly one of the callbacks runs when it ends. */
    void sendText(String text, Runnable done, Consumer<Throwable> failed);

    /** Starts closing the connection; {@code status} is a WebSocket close code (RFC 6455 section 7.4.1). */
    void close(int status, String reason);
}
