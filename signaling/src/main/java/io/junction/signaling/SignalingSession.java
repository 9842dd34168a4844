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
        this.handler = server.newClientHandler(outbox, sourceOf(session.getRemoteSocketAddress()));
    }

    /** The peer's IP address (IPv6 in full), or null when the transport does not say. */
    static String sourceOf(java.net.SocketAddress remote) {
        if (remote instanceof java.net.InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return null;
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
        closeHandler();
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        closeHandler();
    }

    /**
     * Jetty reports a failed send on the sending thread, which may be a room worker delivering a
     * server offer while the handler's lock is held by a {@code join} waiting on that very worker:
     * the implicit leave therefore runs on another thread.
     */
    private void closeHandler() {
        ClientHandler h = handler;
        if (h != null) {
            server.closer().execute(h::onClose);
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
