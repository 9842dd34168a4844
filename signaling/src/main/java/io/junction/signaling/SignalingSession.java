package io.junction.signaling;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * The Jetty endpoint of one WebSocket: hands text messages to its {@link ClientHandler} and
 * sends through its {@link Outbox}. Binary frames are refused with {@code bad-message}. Text
 * arrives fragment by fragment ({@link TextAssembler}) so that a message over the hard limit is
 * answered with {@code too-large} before the close. Takes a connection slot when it opens
 * (refused with close 1013 over a cap) and tracks when it last heard from the peer (any frame,
 * including a pong) for the ping timeout.
 * Public only because Jetty invokes listener methods through method handles; not an API.
 */
public final class SignalingSession implements Session.Listener.AutoDemanding, Outbox.Wire {
    /** WebSocket close status "try again later" (RFC 6455 section 7.4.1, IANA registry). */
    static final int TRY_AGAIN_LATER = 1013;
    private final SignalingServer server;
    private final TextAssembler assembler;
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile Session session;
    private volatile long lastHeard;
    private String source;
    private boolean counted;
    private ClientHandler handler;
    private Outbox outbox;

    SignalingSession(SignalingServer server, long hardLimit) {
        this.server = server;
        this.assembler = new TextAssembler(hardLimit);
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        heard();
        this.source = sourceOf(session.getRemoteSocketAddress());
        String refusal = server.connections().tryOpen(source);
        if (refusal != null) {
            released.set(true);
            session.close(TRY_AGAIN_LATER, "too many connections", Callback.NOOP);
            return;
        }
        counted = true;
        this.outbox = server.newOutbox(this);
        this.handler = server.newClientHandler(outbox, source);
        server.sessions().add(this);
    }

    /** The peer's IP address (IPv6 in full), or null when the transport does not say. */
    static String sourceOf(java.net.SocketAddress remote) {
        if (remote instanceof java.net.InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return null;
    }

    @Override
    public void onWebSocketPartialText(String fragment, boolean fin) {
        heard();
        ClientHandler h = handler;
        if (h == null) {
            return;
        }
        String message = assembler.append(fragment, fin);
        if (message == TextAssembler.OVERSIZE) {
            h.onOversize(server.hardLimit());
        } else if (message != TextAssembler.PENDING) {
            h.onText(message);
        }
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        heard();
        callback.succeed();
        ClientHandler h = handler;
        if (h != null) {
            h.onBinary();
        }
    }

    @Override
    public void onWebSocketPong(ByteBuffer payload) {
        heard();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        closeHandler();
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        closeHandler();
    }

    /** When the peer was last heard from, on the server's nano clock. */
    long lastHeard() {
        return lastHeard;
    }

    private void heard() {
        lastHeard = server.nanoClock().getAsLong();
    }

    /**
     * Called at every ping interval: closes the socket when nothing arrived for
     * {@code timeoutNanos} (1001 "ping timeout"), else pings it (RFC 6455 section 5.5.2).
     * @return true when it closed the socket
     */
    boolean pingOrExpire(long now, long timeoutNanos) {
        Session s = session;
        if (s == null) {
            return false;
        }
        if (expired(now, lastHeard, timeoutNanos)) {
            s.close(SignalingServer.GOING_AWAY, "ping timeout", Callback.NOOP);
            return true;
        }
        s.sendPing(ByteBuffer.allocate(0), Callback.NOOP);
        return false;
    }

    /** Whether a peer last heard at {@code lastHeard} is dead at {@code now} (nanosecond clock, wrap-safe). */
    static boolean expired(long now, long lastHeard, long timeoutNanos) {
        return now - lastHeard > timeoutNanos;
    }

    /**
     * Jetty reports a failed send on the sending thread, which may be a room worker delivering a
     * server offer while the handler's lock is held by a {@code join} waiting on that very worker:
     * the implicit leave therefore runs on another thread.
     */
    private void closeHandler() {
        if (counted && released.compareAndSet(false, true)) {
            server.connections().closed(source);
            server.sessions().remove(this);
        }
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
