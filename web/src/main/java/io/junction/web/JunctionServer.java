package io.junction.web;

import io.junction.sfu.signal.MediaEngine;
import io.junction.signaling.SignalingOptions;
import io.junction.signaling.SignalingServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running Junction server: the media engine plus the signaling server (page, {@code /ws},
 * {@code /health}) on one HTTP port. Close order: signaling (sockets close, sessions leave),
 * then the engine.
 */
public final class JunctionServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JunctionServer.class);

    private final MediaEngine engine;
    private final SignalingServer signaling;
    private boolean closed;

    private JunctionServer(MediaEngine engine, SignalingServer signaling) {
        this.engine = engine;
        this.signaling = signaling;
    }

    /** Starts a server on all interfaces; the HTTP port is bound when this returns. */
    public static JunctionServer start(Options options) throws Exception {
        return start(options, null);
    }

    /**
     * Starts a server whose HTTP port listens on {@code bindHost} (null = all interfaces, e.g.
     * "127.0.0.1" for tests); the port is bound when this returns.
     */
    public static JunctionServer start(Options options, String bindHost) throws Exception {
        MediaEngine engine = EngineFactory.createEngine(options);
        SignalingServer signaling = new SignalingServer(engine,
                SignalingOptions.defaults().withDefaultMode(options.defaultMode()));
        try {
            signaling.start(bindHost, options.port());
        } catch (Exception e) {
            engine.close();
            throw e;
        }
        LOG.info("Junction listening on http://{}:{}/ (WebSocket /ws, health /health), media UDP port {}, "
                        + "announce {}, default room mode {}",
                bindHost == null ? "0.0.0.0" : bindHost, signaling.port(), options.mediaPort(), options.announce(), options.defaultMode().wireName());
        return new JunctionServer(engine, signaling);
    }

    /** The bound HTTP port. */
    public int port() {
        return signaling.port();
    }

    /** The signaling server (rooms, for monitoring). */
    public SignalingServer signaling() {
        return signaling;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        signaling.close();
        engine.close();
        LOG.info("Junction stopped");
    }
}
