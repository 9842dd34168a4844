package io.junction.signaling;

import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * The Jetty endpoint of one WebSocket: hands text frames to its {@link ClientHandler} and
 * sends through its {@link Outbox}. Binary frames are refused with {@code bad-message}.
 * Public only because Jetty invokes listener methods through method handles; not an API.
 */
public final class SignalingSession implements Session.Listener.AutoDemanding, Outbox.Wire {
    private final SignalingServer server;
    private volatile Session session;
    private ClientHandler handler;
    private Outbox outbox;

    SignalingSession(SignalingServer server) {
        this.server = server;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        this.outbox = server.newOutbox(this);
        this.handler = server.newClientHandler(outbox);
    }

    @Override
    public void onWebSocketText(String message) {
        handler.onText(message);
    }

    @Override
    public void onWebSocketBinary(java.nio.ByteBuffer payload, Callback callback) {
        callback.succeed();
        handler.onBinary();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        if (handler != null) {
            handler.onClose();
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        if (handler != null) {
            handler.onClose();
        }
    }

    @Override
    public void sendText(String text, Runnable done, Consumer<Throwable> failed) {
        session.sendText(text, Callback.from(done, failed));
    }

    @Override
    public void close(int status, String reason) {
        Session s = session;
        if (s != null) {
            s.close(status, reason, Callback.NOOP);
        }
    }
}
