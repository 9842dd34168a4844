package io.junction.signaling;

import io.junction.sfu.signal.MediaEngine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.Executor;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Junction signaling endpoint (PROTOCOL.md v1) at {@code /ws}, plus {@code /health} and the
 * static files of the classpath folder {@code static/} at {@code /}.
 *
 * <p>Either run it on its own Jetty server ({@link #start(String, int)}, {@link #port()},
 * {@link #close()}), or mount it in an application's Jetty server with {@link #handler(Server)}
 * (everything) or {@link #webSocketHandler(Server)} (only {@code /ws}). Each instance has its own
 * rooms and participant ids. The media engine stays owned by the caller ({@link #close()} does not
 * close it). Every socket is pinged at a third of the ping timeout ({@link SignalingLimits}); one
 * from which nothing (not even a pong) arrived within it is closed, so quiet browsers stay
 * connected and dead peers are dropped. Connections are capped per client address and in total
 * (HTTP 503 on upgrade).
 */
public final class SignalingServer implements AutoCloseable {
    /** The WebSocket path. */
    public static final String WS_PATH = "/ws";
    private static final Logger LOG = LoggerFactory.getLogger(SignalingServer.class);

    private final MediaEngine engine;
    private final SignalingOptions options;
    private final SignalCodec codec;
    private final RoomRegistry rooms;
    private final OriginPolicy origins;
    private final ConcurrentHashMap<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final SignalingLimits limits;
    private final ConnectionCounter connections;
    private final java.util.Set<SignalingSession> sessions = ConcurrentHashMap.newKeySet();
    private final long hardLimit;
    private volatile Executor closer = Runnable::run;
    private Server ownServer;
    private ServerConnector connector;

    /**
     * @param engine  serves the negotiation of {@code sfu} rooms
     * @param options validated settings
     */
    public SignalingServer(MediaEngine engine, SignalingOptions options) {
        this(engine, options, SignalingLimits.defaults());
    }

    /**
     * @param engine  serves the negotiation of {@code sfu} rooms
     * @param options validated settings
     * @param limits  connection caps, ping timeout, violations before a close
     */
    public SignalingServer(MediaEngine engine, SignalingOptions options, SignalingLimits limits) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.options = Objects.requireNonNull(options, "options");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.connections = new ConnectionCounter(limits.maxConnectionsPerAddress(), limits.maxConnections());
        // Longest text message kept: above it the client gets too-large and the socket closes (1009).
        // Up to it, a message over maxFrameBytes gets too-large and the socket lives on.
        this.hardLimit = Math.max(4L * options.maxFrameBytes(), 256 * 1024);
        this.codec = new SignalCodec(options.maxFrameBytes());
        this.rooms = new RoomRegistry(options.effectivePolicy(), codec,
                new JoinIceServers(options.iceServers(), options.turnCredentials()), options.maxRooms());
        this.origins = new OriginPolicy(options.allowedOrigins());
    }

    /** The rooms of this server (read-only views for monitoring and tests). */
    public RoomRegistry rooms() {
        return rooms;
    }

    /**
     * A handler that upgrades {@code /ws} to the signaling protocol and passes every other
     * request to the handler the caller sets with {@link Handler.Wrapper#setHandler}.
     */
    public Handler.Wrapper webSocketHandler(Server server) {
        closer = server.getThreadPool();
        WebSocketUpgradeHandler handler = WebSocketUpgradeHandler.from(server, container -> {
            container.setIdleTimeout(options.idleTimeout());
            // Text arrives in fragments and is bounded by TextAssembler (hardLimit); binary
            // frames are refused anyway, so Jetty may close on a huge one.
            container.setMaxTextMessageSize(hardLimit);
            container.setMaxBinaryMessageSize(hardLimit);
            OriginPolicy origins = new OriginPolicy(options.allowedOrigins());
            container.addMapping(WS_PATH, (request, response, callback) -> {
                String origin = request.getHeaders().get(HttpHeader.ORIGIN);
                if (!origins.allows(origin)) {
                    LOG.info("WebSocket upgrade refused: origin {} is not allowed", LogText.cap(origin));
                    Response.writeError(request, response, callback, HttpStatus.FORBIDDEN_403, "origin not allowed");
                    return null;
                }
                String refusal = connections.check(org.eclipse.jetty.server.Request.getRemoteAddr(request));
                if (refusal != null) {
                    LOG.debug("WebSocket upgrade refused: {}", refusal);
                    Response.writeError(request, response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, refusal);
                    return null;
                }
                return new SignalingSession(this, hardLimit);
            });
        });
        Duration timeout = limits.pingTimeout().compareTo(options.idleTimeout()) < 0 ? limits.pingTimeout()
                : options.idleTimeout();
        handler.addBean(new KeepAlive(server.getScheduler(), this::sweep, timeout.dividedBy(3)), true);
        return handler;
    }

    /** {@link #webSocketHandler(Server)} in front of {@code /health} and the static files. */
    public Handler handler(Server server) {
        Handler.Wrapper ws = webSocketHandler(server);
        Handler.Sequence rest = new Handler.Sequence(new HealthHandler());
        ClasspathFiles files = new ClasspathFiles(SignalingServer.class.getClassLoader(), "static/");
        if (files.hasIndex()) {
            rest.addHandler(files);
        } else {
            LOG.info("no classpath folder static/, serving only {} and {}", WS_PATH, HealthHandler.PATH);
        }
        ws.setHandler(rest);
        return ws;
    }

    /**
     * Starts an own Jetty server on {@code host} (null = all interfaces) and {@code port}
     * (0 = ephemeral; see {@link #port()}).
     */
    public synchronized void start(String host, int port) throws Exception {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535 (got " + port + ")");
        }
        if (ownServer != null) {
            throw new IllegalStateException("already started");
        }
        Server server = new Server(HttpThreads.create());
        ServerConnector c = new ServerConnector(server);
        c.setHost(host);
        c.setPort(port);
        server.addConnector(c);
        server.setHandler(SecurityHeaders.wrap(handler(server)));
        SecurityHeaders.harden(server);
        server.setStopTimeout(2000);
        server.start();
        ownServer = server;
        connector = c;
        LOG.info("signaling listening on {}:{}{}", host == null ? "*" : host, c.getLocalPort(), WS_PATH);
    }

    /** The port of the own server, once started. */
    public synchronized int port() {
        if (connector == null) {
            throw new IllegalStateException("not started");
        }
        return connector.getLocalPort();
    }

    /** Error frames sent to clients since start, by {@code code} (PROTOCOL.md "Errors"). */
    public Map<String, Long> errorCounts() {
        Map<String, Long> out = new TreeMap<>();
        errors.forEach((code, n) -> out.put(code, n.sum()));
        return out;
    }

    private void countError(String code) {
        errors.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    /**
     * Ends every session: stops admitting joins, sends {@code bye} to every participant (its own
     * id, {@code userNum} 0), waits up to {@code drain} for those frames to leave, then closes
     * their sockets (status 1001, going away). Used by {@link #close()}; call it directly when
     * mounted in an application's server.
     */
    public void shutdown(Duration drain) {
        List<Outbox> outboxes = rooms.closeAll();
        long deadline = System.nanoTime() + drain.toNanos();
        for (Outbox o : outboxes) {
            while (!o.idle() && System.nanoTime() < deadline) {
                try {
                    TimeUnit.MILLISECONDS.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            o.closeSocket(GOING_AWAY, "server closing");
        }
        LOG.info("signaling shut down: {} participants told bye", outboxes.size());
    }

    /** WebSocket close status "going away" (RFC 6455 section 7.4.1). */
    static final int GOING_AWAY = 1001;

    /** Sends {@code bye} to everyone ({@link #shutdown}), then stops the own server, if any. */
    @Override
    public synchronized void close() {
        if (!rooms.isClosed()) {
            shutdown(Duration.ofMillis(500));
        }
        if (ownServer == null) {
            return;
        }
        try {
            ownServer.stop();
        } catch (Exception e) {
            LOG.warn("stopping the signaling server failed", e);
        }
        ownServer = null;
        connector = null;
    }

    /**
     * One keep-alive round: closes every socket from which nothing arrived within the ping
     * timeout and pings the others. Runs every third of the timeout; tests call it directly.
     * @return sockets closed for silence
     */
    int sweep() {
        long now = options.nanoClock().getAsLong();
        long timeout = Math.min(limits.pingTimeout().toNanos(), options.idleTimeout().toNanos());
        int closed = 0;
        for (SignalingSession s : sessions) {
            if (s.pingOrExpire(now, timeout)) {
                closed++;
            }
        }
        if (closed > 0) {
            LOG.info("closed {} signaling sockets silent for over {} ms", closed, timeout / 1_000_000);
        }
        return closed;
    }

    ConnectionCounter connections() {
        return connections;
    }

    java.util.Set<SignalingSession> sessions() {
        return sessions;
    }

    long hardLimit() {
        return hardLimit;
    }

    java.util.function.LongSupplier nanoClock() {
        return options.nanoClock();
    }

    /** Open signaling WebSockets (counted against the connection caps). */
    public int openConnections() {
        return connections.open();
    }

    /** The media engine of sfu rooms (for {@link RoomAccess}). */
    MediaEngine engine() {
        return engine;
    }

    /** Runs socket housekeeping off the caller's thread (Jetty's pool once mounted). */
    Executor closer() {
        return closer;
    }

    Outbox newOutbox(Outbox.Wire wire) {
        return new Outbox(wire, options.outboxLimit(), closer);
    }

    /** The options this server was built with. */
    public SignalingOptions options() {
        return options;
    }

    /** Whether a browser page of {@code origin} (null when the request has none) may connect. */
    public boolean allowsOrigin(String origin) {
        return origins.allows(origin);
    }

    /**
     * A connection of another front to this server's rooms (see {@link FrontConnection}).
     *
     * @param wire     carries the server's frames to the client
     * @param source   the peer's IP address, or null when unknown
     * @param classic  true for the socket.io classic dialects: no cluster {@code redirect}, and in an
     *                 {@code sfu} room the server is the client's single peer (it receives the
     *                 speaker-following outputs; only its offers and answers reach the engine)
     */
    public FrontConnection connect(FrameWire wire, String source, boolean classic) {
        Objects.requireNonNull(wire, "wire");
        Outbox outbox = newOutbox(new Outbox.Wire() {
            @Override
            public void sendText(String text, Runnable done, java.util.function.Consumer<Throwable> failed) {
                wire.sendText(text, done, failed);
            }

            @Override
            public void close(int status, String reason) {
                wire.close(status, reason);
            }
        });
        return new FrontConnection(new ClientHandler(rooms, engine, codec, outbox,
                new TokenBucket(options.ratePerSecond(), options.burst(), options.nanoClock()),
                options.authenticator(), this::countError, options.maxTracks(), source, limits.maxViolations(), classic));
    }

    /** @param source the peer's IP address, or null when unknown (then not limited by source) */
    ClientHandler newClientHandler(Outbox outbox, String source) {
        return new ClientHandler(rooms, engine, codec, outbox,
                new TokenBucket(options.ratePerSecond(), options.burst(), options.nanoClock()),
                options.authenticator(), this::countError, options.maxTracks(), source, limits.maxViolations());
    }
}
