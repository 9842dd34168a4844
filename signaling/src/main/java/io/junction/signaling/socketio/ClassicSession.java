package io.junction.signaling.socketio;

import io.junction.signaling.ErrorCodes;
import io.junction.signaling.FrameWire;
import io.junction.signaling.FrontConnection;
import io.junction.signaling.SignalingServer;
import io.socket.socketio.server.SocketIoSocket;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.json.JSONObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One socket.io connection of a classic client, bound to a {@link FrontConnection} of the room
 * engine: client events go in through {@link ClassicInbound}, server frames come out through
 * {@link ClassicOutbound}. Outgoing events are emitted on {@code executor}, one frame at a time
 * (the connection's outbox waits for each), never on a thread that holds the room lock.
 *
 * <p>While the connection long-polls, events the client has not fetched are counted; more than
 * {@code backlogLimit} (the outbox limit) close it like an overflowing {@code /ws} outbox.
 */
final class ClassicSession implements FrameWire {
    private static final Logger LOG = LoggerFactory.getLogger(ClassicSession.class);
    /** Longest event name quoted back in an error's {@code ref}. */
    private static final int MAX_REF = 64;

    private final SocketIoSocket socket;
    private final Executor executor;
    private final int backlogLimit;
    private final ClassicOutbound outbound;
    private final ClassicInbound.Credentials credentials;
    private final AtomicInteger unpolled = new AtomicInteger();
    private volatile boolean polling;
    private FrontConnection connection;

    ClassicSession(SocketIoSocket socket, Executor executor, int backlogLimit, boolean polling) {
        this.socket = socket;
        this.executor = executor;
        this.backlogLimit = backlogLimit;
        this.polling = polling;
        this.outbound = new ClassicOutbound(socket.getId());
        this.credentials = credentials(socket.getConnectData());
    }

    /** Connects to the room engine and starts listening to the client's events. */
    void start(SignalingServer server) {
        connection = server.connect(this, null, true);
        socket.registerAllEventListener(this::onEvent);
        // A client may send an event named "disconnect": only the library's own (socket no longer
        // connected) ends the session.
        socket.on("disconnect", args -> {
            if (!socket.isConnected()) {
                connection.close();
            }
        });
    }

    /** The connection moved from long-polling to WebSocket. */
    void upgraded() {
        polling = false;
        unpolled.set(0);
    }

    /** The client fetched what was waiting (a long-poll request arrived). */
    void polled() {
        unpolled.set(0);
    }

    private void onEvent(String event, Object... rawArgs) {
        Object[] args = rawArgs;
        SocketIoSocket.ReceivedByLocalAcknowledgementCallback ack = null;
        if (args.length > 0 && args[args.length - 1] instanceof SocketIoSocket.ReceivedByLocalAcknowledgementCallback a) {
            ack = a;
            args = Arrays.copyOf(args, args.length - 1);
        }
        synchronized (this) {
            ClassicInbound.Decision d = ClassicInbound.decode(outbound.dialect(), outbound.room(), event, args,
                    credentials);
            if (d.dialect() != null && outbound.dialect() == null) {
                outbound.dialect(d.dialect());
            }
            if (d.isFrame()) {
                connection.onFrame(d.frame());
            } else if (d.isRejection()) {
                connection.reject(d.code(), d.message(), event.length() <= MAX_REF ? event : event.substring(0, MAX_REF));
            }
        }
        if (ack != null) {
            ack.sendAcknowledgement();
        }
    }

    @Override
    public void sendText(String text, Runnable done, Consumer<Throwable> failed) {
        executor.execute(() -> {
            try {
                for (ClassicOutbound.Emit e : outbound.translate(text)) {
                    socket.send(e.event(), e.args().toArray());
                    if (polling && unpolled.incrementAndGet() > backlogLimit) {
                        LOG.info("socket.io client {} fetched none of its last {} events, closing it", socket.getId(),
                                backlogLimit);
                        close(1008, ErrorCodes.PROTOCOL_CLOSED);
                        failed.accept(new IllegalStateException("backlog over " + backlogLimit));
                        return;
                    }
                }
                done.run();
            } catch (RuntimeException ex) {
                failed.accept(ex);
            }
        });
    }

    @Override
    public void close(int status, String reason) {
        executor.execute(() -> {
            if (ErrorCodes.PROTOCOL_CLOSED.equals(reason)) {
                socket.send("error", new JSONObject().put("code", ErrorCodes.PROTOCOL_CLOSED)
                        .put("message", "too many events waiting for this client; closing").put("ref", JSONObject.NULL));
            }
            // DISCONNECT tells socket.io-client not to reconnect; then the Engine.IO connection ends.
            socket.disconnect(false);
            socket.getClient().disconnect();
        });
    }

    private static ClassicInbound.Credentials credentials(Object connectData) {
        if (!(connectData instanceof JSONObject auth)) {
            return ClassicInbound.Credentials.NONE;
        }
        Object name = auth.opt("name");
        Object token = auth.opt("token");
        return new ClassicInbound.Credentials(name instanceof String n ? n : null,
                token instanceof String t ? t : null);
    }

}
