package io.junction.server;

import io.junction.ice.IceConfig;
import io.junction.sfu.SfuEngine;
import io.junction.sfu.SfuOptions;
import io.junction.sfu.event.RoomEventListener;
import io.junction.sfu.view.EngineTotals;
import io.junction.sfu.view.RoomView;
import io.junction.signaling.SignalingServer;
import io.junction.signaling.whip.WhipFront;
import io.junction.signaling.socketio.SocketIoFront;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One embedded Junction: the SFU media engine (one UDP port), the signaling endpoint
 * (PROTOCOL.md), the admin API and Prometheus metrics. Build it with {@link #builder()}, then
 * {@link #start()}; {@link #close()} ends it.
 *
 * <p>Two ways to serve HTTP: Junction's own Jetty server on {@code httpPort} (the default:
 * {@code /ws}, {@code /socket.io/}, {@code /whip}, {@code /whep}, {@code /health}, {@code /api/rooms}, {@code /metrics}
 * and the browser page), or
 * the application's Jetty server: build with {@link JunctionBuilder#httpServer(boolean) httpServer(false)}, {@link #start()}, then
 * add {@link #webSocketHandler(Server)}, {@link #whipHandler()} and {@link #adminHandler()} to it under any
 * context path.
 *
 * <p>Close cascade: every participant gets {@code bye} and its socket closes, the HTTP server
 * stops, every room closes (transports, subscriptions, tracks), the room workers, handshake
 * threads, UDP port and event thread end. Two instances in one JVM share nothing mutable.
 */
public final class Junction implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Junction.class);

    private final JunctionSettings settings;
    private final String instance = Integer.toHexString(System.identityHashCode(this));
    private EventDispatcher events;
    private SfuEngine engine;
    private SignalingServer signaling;
    /** WHIP/WHEP sessions; set right after the engine, read by the engine's event listener. */
    private volatile WhipFront whip;
    private SocketIoFront socketIo;
    private io.junction.cluster.ClusterNode cluster;
    private io.junction.cluster.RelayLinks relays;
    private JunctionMetrics metrics;
    private MediaApi media;
    private DataApi data;
    private Server http;
    private ServerConnector connector;
    private boolean started;
    private boolean closed;

    Junction(JunctionSettings settings) {
        this.settings = settings;
    }

    /** A builder with the defaults described in {@link JunctionBuilder}. */
    public static JunctionBuilder builder() {
        return new JunctionBuilder();
    }

    /** Binds the media port (and the HTTP port, unless disabled) and starts serving. */
    public synchronized Junction start() throws Exception {
        if (started || closed) {
            throw new IllegalStateException(closed ? "closed" : "already started");
        }
        started = true;
        RoomEventListener application = RoomEventListener.NONE;
        if (settings.listener() != RoomEventListener.NONE) {
            events = new EventDispatcher(settings.listener(), "junction-" + instance + "-events");
            application = events;
        }
        RoomEventListener forApplication = application;
        // A WHIP/WHEP session has no socket whose close ends it: it ends when its media fails.
        RoomEventListener listener = event -> {
            WhipFront w = whip;
            if (w != null) {
                w.onEvent(event);
            }
            forApplication.onEvent(event);
        };
        try {
            engine = new SfuEngine(sfuOptions(settings), listener);
            signaling = new SignalingServer(engine, settings.signalingOptions(), settings.signalingLimits());
            // ICE + DTLS must finish within the handshake timeout; the deadline leaves room for trickle.
            whip = new WhipFront(signaling, settings.handshakeTimeout().plusSeconds(5));
            if (settings.socketIo()) {
                socketIo = new SocketIoFront(signaling);
            }
            if (settings.cluster() != null) {
                cluster = io.junction.cluster.ClusterNode.start(settings.cluster(), signaling.rooms());
                relays = io.junction.cluster.RelayLinks.start(cluster, engine, settings.relayAddress());
            }
            media = new MediaApi(engine);
            data = new DataApi(engine.data(), "junction-" + instance + "-data");
            metrics = new JunctionMetrics(engine, signaling, data::callbacksDropped);
            if (settings.httpServer()) {
                startHttp();
            }
        } catch (Exception | Error e) {
            close();
            throw e;
        }
        LOG.info("Junction {} started: http {}, media UDP port {}, announce {}", instance,
                connector == null ? "mounted by the application"
                        : (settings.tls() ? "https://" : "http://")
                        + (settings.bindAddress() == null ? "0.0.0.0" : settings.bindAddress()) + ":" + httpPort(),
                engine.mediaPort(), settings.announce());
        return this;
    }

    /** The media engine's options from the validated settings. */
    static SfuOptions sfuOptions(JunctionSettings settings) {
        // The handshake timeout bounds ICE + DTLS together: ICE must connect within it too.
        IceConfig.Builder ice = IceConfig.builder().port(settings.mediaPort()).announcedAddresses(settings.announce())
                .allowedNetworks(settings.iceAllowedNetworks()).connectTimeout(settings.handshakeTimeout())
                .socketBufferBytes(settings.mediaSocketBuffer());
        if (settings.mediaBindAddress() != null) {
            ice.bindAddress(settings.mediaBindAddress());
        }
        SfuOptions defaults = SfuOptions.defaults(ice.build());
        return new SfuOptions(defaults.ice(), settings.workerThreads(), defaults.poolBuffers(),
                settings.handshakeThreads(), settings.handshakeTimeout(), defaults.room(),
                settings.maxHalfOpenPerSource());
    }

    private void startHttp() throws Exception {
        Server server = new Server(io.junction.signaling.HttpThreads.create());
        ServerConnector c;
        if (settings.tlsKeystore() != null) {
            SslContextFactory.Server tls = new SslContextFactory.Server();
            tls.setKeyStorePath(settings.tlsKeystore().toString());
            tls.setKeyStorePassword(settings.tlsKeystorePassword());
            tls.setKeyStoreType("PKCS12");
            c = new ServerConnector(server, tls);
        } else if (settings.tlsPem() != null) {
            PemKeyStores.Identity pem = settings.tlsPem();
            SslContextFactory.Server tls = new SslContextFactory.Server();
            tls.setKeyStore(pem.keyStore());
            tls.setKeyStorePassword(pem.password());
            c = new ServerConnector(server, tls);
            LOG.info("HTTPS with the PEM certificate '{}' (valid until {}) and the private key file {}",
                    pem.leaf().getSubjectX500Principal().getName(), pem.leaf().getNotAfter().toInstant(), pem.keyFile());
        } else if (settings.selfSigned()) {
            List<String> names = new java.util.ArrayList<>(settings.announce());
            if (settings.bindAddress() != null) {
                names.add(settings.bindAddress());
            }
            SelfSignedCertificate cert = SelfSignedCertificate.generate(names);
            SslContextFactory.Server tls = new SslContextFactory.Server();
            tls.setKeyStore(cert.keyStore());
            tls.setKeyStorePassword(cert.password());
            c = new ServerConnector(server, tls);
            LOG.info("HTTPS with a self-signed certificate (development only), SHA-256 fingerprint {}",
                    cert.fingerprint());
        } else {
            c = new ServerConnector(server);
        }
        c.setHost(settings.bindAddress());
        c.setPort(settings.httpPort());
        // Bounds a connection that sends nothing, also while its request headers are read (slowloris).
        c.setIdleTimeout(settings.httpIdleTimeout().toMillis());
        server.addConnector(c);
        Handler app = settings.servePage() ? signaling.handler(server) : signaling.webSocketHandler(server);
        if (socketIo != null) {
            Handler.Wrapper classic = socketIo.handler(server);
            classic.setHandler(app);
            app = classic;
        }
        server.setHandler(io.junction.signaling.SecurityHeaders.wrap(
                new Handler.Sequence(new AdminHandler(this, settings.adminToken()), whip.handler(), app)));
        io.junction.signaling.SecurityHeaders.harden(server);
        server.setStopTimeout(1000);
        http = server;
        connector = c;
        server.start();
    }

    private synchronized void requireStarted() {
        if (!started || closed) {
            throw new IllegalStateException(closed ? "closed" : "not started");
        }
    }

    /** The bound HTTP port of the own server (resolves port 0). */
    public synchronized int httpPort() {
        requireStarted();
        if (connector == null) {
            throw new IllegalStateException("no own HTTP server");
        }
        return connector.getLocalPort();
    }

    /** The bound UDP media port (resolves port 0). */
    public int mediaPort() {
        requireStarted();
        return engine.mediaPort();
    }

    /**
     * The signaling endpoint for the application's Jetty {@code server}: it upgrades
     * {@code <context>/ws} and passes other requests to the handler the caller sets on it.
     */
    public Handler.Wrapper webSocketHandler(Server server) {
        requireStarted();
        return signaling.webSocketHandler(server);
    }

    /**
     * The socket.io front for classic clients, for the application's Jetty {@code server}: it
     * serves {@code /socket.io/} (mount it at the root context) and passes other requests to the
     * handler the caller sets on it. Its clients share the rooms of {@link #webSocketHandler}.
     *
     * @throws IllegalStateException when built with {@code socketIo(false)}
     */
    public Handler.Wrapper socketIoHandler(Server server) {
        requireStarted();
        if (socketIo == null) {
            throw new IllegalStateException("the socket.io front is off (socketIo(false))");
        }
        return socketIo.handler(server);
    }

    /**
     * {@code /health}, {@code /api/rooms}, {@code /api/rooms/{room}} and {@code /metrics}
     * (admin-token protected when one is set), for the application's Jetty server; declines every
     * other path.
     */
    public Handler adminHandler() {
        requireStarted();
        return new AdminHandler(this, settings.adminToken());
    }

    /**
     * WHIP ({@code POST <context>/whip/{room}}) and WHEP ({@code POST <context>/whep/{room}[/{participant}]})
     * with their session resources, for the application's Jetty server; declines every other path.
     * Sessions are members of the same rooms as the WebSocket clients (PROTOCOL.md "WHIP and WHEP").
     */
    public Handler whipHandler() {
        requireStarted();
        return whip.handler();
    }

    /** The media-only API over the same engine. */
    public MediaApi media() {
        requireStarted();
        return media;
    }

    /** Data channels for the application: be a data member of a room, send, counters. */
    public DataApi data() {
        requireStarted();
        return data;
    }

    /** Snapshots of the rooms that have media sessions. */
    public List<RoomView> rooms() {
        requireStarted();
        return engine.rooms();
    }

    /** A snapshot of one room's media sessions. */
    public Optional<RoomView> room(String name) {
        requireStarted();
        return engine.room(name);
    }

    /** Engine-wide media counters since start. */
    public EngineTotals totals() {
        requireStarted();
        return engine.totals();
    }

    /** The signaling server (its rooms, error counts). */
    public SignalingServer signaling() {
        requireStarted();
        return signaling;
    }

    /** This node's relay links to the other nodes of the cluster, empty when it runs alone. */
    public Optional<io.junction.cluster.RelayLinks> relays() {
        return Optional.ofNullable(relays);
    }

    /** This node's cluster membership, empty when it runs alone (no {@code clusterRedis}). */
    public Optional<io.junction.cluster.ClusterNode> cluster() {
        requireStarted();
        return Optional.ofNullable(cluster);
    }

    /** The metrics in Prometheus text format, as served at {@code /metrics}. */
    public String scrapeMetrics() {
        requireStarted();
        return metrics.scrape();
    }

    /** Ends everything within about 2 s; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (whip != null) {
            whip.close();
        }
        if (signaling != null) {
            signaling.shutdown(Duration.ofMillis(300));
        }
        if (socketIo != null) {
            socketIo.close();
        }
        if (relays != null) {
            relays.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (http != null) {
            try {
                http.stop();
            } catch (Exception e) {
                LOG.warn("stopping the HTTP server failed", e);
            }
        }
        if (engine != null) {
            engine.close();
        }
        if (events != null) {
            events.close();
        }
        if (data != null) {
            data.close();
        }
        if (metrics != null) {
            metrics.close();
        }
        LOG.info("Junction {} closed", instance);
    }
}
