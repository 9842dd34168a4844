package io.junction.web;

import io.junction.server.Junction;
import io.junction.signaling.SignalingServer;

/**
 * The running Junction server: a {@link Junction} with its own HTTP server (page, {@code /ws},
 * {@code /health}, {@code /api/rooms}, {@code /metrics}) configured from {@link Options}.
 */
public final class JunctionServer implements AutoCloseable {
    private final Junction junction;

    private JunctionServer(Junction junction) {
        this.junction = junction;
    }

    /** Starts a server; the HTTP port is bound when this returns. */
    public static JunctionServer start(Options options) throws Exception {
        return start(options, options.bind());
    }

    /**
     * Starts a server whose HTTP port listens on {@code bindHost} (null = all interfaces, e.g.
     * "127.0.0.1" for tests); the port is bound when this returns.
     */
    public static JunctionServer start(Options options, String bindHost) throws Exception {
        return new JunctionServer(options.toBuilder().bindAddress(bindHost).build().start());
    }

    /** The bound HTTP port. */
    public int port() {
        return junction.httpPort();
    }

    /** The embedded instance (rooms, media API, metrics). */
    public Junction junction() {
        return junction;
    }

    /** The signaling server (rooms, for monitoring). */
    public SignalingServer signaling() {
        return junction.signaling();
    }

    @Override
    public void close() {
        junction.close();
    }
}
