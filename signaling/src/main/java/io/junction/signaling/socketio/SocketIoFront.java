package io.junction.signaling.socketio;

import io.junction.signaling.SignalingOptions;
import io.junction.signaling.SignalingServer;
import io.socket.engineio.server.EngineIoServer;
import io.socket.engineio.server.EngineIoServerOptions;
import io.socket.engineio.server.EngineIoSocket;
import io.socket.engineio.server.utils.ParseQS;
import io.socket.socketio.server.SocketIoServer;
import io.socket.socketio.server.SocketIoSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket.io front at {@code /socket.io/}: Engine.IO v4 over WebSocket and HTTP long-polling,
 * socket.io v4 packets (the {@code io.socket} server library), and the three classic room
 * dialects mapped onto the rooms of a {@link SignalingServer}, so socket.io and {@code /ws}
 * participants share rooms (docs/PROTOCOL.md "socket.io front"). In a {@code p2p} room classic
 * clients relay to each other; in an {@code sfu} room the server is each one's single peer
 * (PROTOCOL.md "Classic clients in sfu rooms"): it answers the client's offer, publishes its
 * tracks and sends it the room's speaker-following outputs.
 *
 * <p>Mount {@link #handler(Server)} in a Jetty 12 server (at the root or under a context path),
 * in front of the application's handlers (it passes every other path on). {@link #close()} disconnects every
 * client and ends the front's timer thread; the signaling server stays the caller's.
 */
public final class SocketIoFront implements AutoCloseable {
    /** The endpoint path (socket.io-client's default {@code path}). */
    public static final String PATH = "/socket.io/";
    /** Engine.IO heartbeat: a ping every 25 s, answered within 20 s (the socket.io defaults). */
    static final long PING_INTERVAL_MS = 25_000;
    static final long PING_TIMEOUT_MS = 20_000;
    private static final Logger LOG = LoggerFactory.getLogger(SocketIoFront.class);

    private final SignalingServer signaling;
    private final SignalingOptions options;
    private final ScheduledExecutorService timer;
    private final EngineIoServer engineIo;
    private final Map<String, Link> links = new ConcurrentHashMap<>();
    private final int maxPacketBytes;
    private volatile Executor executor = Runnable::run;
    private volatile boolean closed;

    /** What the front knows about one Engine.IO connection. */
    private static final class Link {
        volatile boolean polling;
        volatile ClassicSession session;

        Link(boolean polling) {
            this.polling = polling;
        }
    }

    public SocketIoFront(SignalingServer signaling) {
        this.signaling = Objects.requireNonNull(signaling, "signaling");
        this.options = signaling.options();
        // As on /ws: the transport's own limit is well above maxFrameBytes, so a packet slightly
        // over it reaches the room engine and gets a "too-large" error event instead of a close.
        this.maxPacketBytes = (int) Math.min(Integer.MAX_VALUE, Math.max(4L * options.maxFrameBytes(), 256 * 1024));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "junction-socketio-timer");
            t.setDaemon(true);
            return t;
        });
        EngineIoServerOptions eio = EngineIoServerOptions.newFromDefault();
        eio.setPingInterval(PING_INTERVAL_MS);
        eio.setPingTimeout(PING_TIMEOUT_MS);
        eio.setCorsHandlingDisabled(true);
        eio.setAllowSyncPolling(false);
        eio.setScheduledExecutorService(timer);
        this.engineIo = new EngineIoServer(eio);
        engineIo.on("connection", args -> onEngineConnection((EngineIoSocket) args[0]));
        SocketIoServer socketIo = new SocketIoServer(engineIo);
        socketIo.namespace("/").on("connection", args -> onSocket((SocketIoSocket) args[0]));
    }

    private void onEngineConnection(EngineIoSocket engineSocket) {
        String sid = engineSocket.getId();
        Link link = new Link("polling".equals(engineSocket.getInitialQuery().get("transport")));
        links.put(sid, link);
        engineSocket.on("upgrade", (s, a) -> {
            link.polling = false;
            ClassicSession session = link.session;
            if (session != null) {
                session.upgraded();
            }
        });
        engineSocket.on("close", (s, a) -> links.remove(sid));
    }

    private void onSocket(SocketIoSocket socket) {
        if (closed) {
            socket.disconnect(true);
            return;
        }
        Link link = links.get(socket.getClient().getConnection().getId());
        ClassicSession session = new ClassicSession(socket, executor, options.outboxLimit(),
                link != null && link.polling);
        if (link != null) {
            link.session = session;
        }
        session.start(signaling);
    }

    private void onPoll(String sid) {
        Link link = links.get(sid);
        ClassicSession session = link == null ? null : link.session;
        if (session != null) {
            session.polled();
        }
    }

    /**
     * A handler serving {@code /socket.io/} (WebSocket upgrades and long-polling) that passes
     * every other request to the handler set with {@link Handler.Wrapper#setHandler}.
     */
    public Handler.Wrapper handler(Server server) {
        executor = server.getThreadPool();
        // Context "/" and servlet "/*": the Mount below already routes only /socket.io here, and a
        // root servlet context also matches when the whole front sits under an application context.
        ServletContextHandler polling = new ServletContextHandler();
        polling.setContextPath("/");
        ServletHolder holder = new ServletHolder(new PollingServlet(engineIo, signaling, this::onPoll, maxPacketBytes));
        holder.setAsyncSupported(true);
        polling.addServlet(holder, "/*");
        WebSocketUpgradeHandler upgrade = WebSocketUpgradeHandler.from(server, container -> {
            container.setIdleTimeout(options.idleTimeout());
            container.setMaxTextMessageSize(maxPacketBytes);
            container.setMaxBinaryMessageSize(maxPacketBytes);
            container.addMapping(PATH, (request, response, callback) -> {
                String origin = request.getHeaders().get(HttpHeader.ORIGIN);
                if (!signaling.allowsOrigin(origin)) {
                    LOG.info("socket.io WebSocket refused: origin {} is not allowed", origin);
                    Response.writeError(request, response, callback, HttpStatus.FORBIDDEN_403, "origin not allowed");
                    return null;
                }
                Map<String, String> query = ParseQS.decode(request.getHttpURI().getQuery());
                if (!"4".equals(query.get("EIO"))) {
                    Response.writeError(request, response, callback, HttpStatus.BAD_REQUEST_400,
                            "only Engine.IO protocol 4 (socket.io 3 and 4 clients)");
                    return null;
                }
                Map<String, List<String>> headers = new HashMap<>();
                for (HttpField f : request.getHeaders()) {
                    headers.computeIfAbsent(f.getName(), k -> new java.util.ArrayList<>()).add(f.getValue());
                }
                return new JettyEngineIoWebSocket(engineIo, query, headers, options.outboxLimit());
            });
        });
        upgrade.setHandler(polling);
        return new Mount(upgrade);
    }

    /** Routes {@code /socket.io} and below to the front, everything else to the child handler. */
    private static final class Mount extends Handler.Wrapper {
        private final Handler front;

        Mount(Handler front) {
            this.front = front;
            addBean(front, true);
        }

        @Override
        public void setServer(Server server) {
            super.setServer(server);
            front.setServer(server);
        }

        /**
         * The servlet layer blocks (reading a POST body), so this handler is as blocking as the
         * front; left to the default (only the child counts), Jetty would run requests on its
         * selector thread, which then cannot read the body it waits for.
         */
        @Override
        public InvocationType getInvocationType() {
            Handler next = getHandler();
            return next == null ? front.getInvocationType()
                    : Invocable.combine(front.getInvocationType(), next.getInvocationType());
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String path = Request.getPathInContext(request);
            if (path.equals("/socket.io") || path.startsWith(PATH)) {
                return front.handle(request, response, callback);
            }
            return super.handle(request, response, callback);
        }
    }

    /** Connected socket.io clients (for tests and monitoring). */
    public int connections() {
        int n = 0;
        for (Link l : links.values()) {
            if (l.session != null) {
                n++;
            }
        }
        return n;
    }

    /** Disconnects every client and stops the heartbeat timer. Idempotent. */
    @Override
    public void close() {
        closed = true;
        for (Link l : links.values()) {
            ClassicSession s = l.session;
            if (s != null) {
                s.close(1001, "server closing");
            }
        }
        links.clear();
        engineIo.shutdown();
        timer.shutdownNow();
    }
}
