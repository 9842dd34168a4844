package io.junction.examples;

import io.junction.server.Junction;
import io.junction.sfu.signal.MediaRights;
import io.junction.signaling.AuthDecision;
import io.junction.signaling.Authenticator;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An application that embeds Junction in its own Jetty server: its own page at {@code /app},
 * Junction's signaling at {@code /rtc/ws} and Junction's admin API at {@code /ops}. Its
 * authenticator admits {@code host-<room>} tokens with all rights, {@code guest-<room>} tokens as
 * viewers (subscribe only), and nobody else.
 */
public final class EmbeddedConference implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedConference.class);

    private final Server server;
    private final ServerConnector connector;
    private final Junction junction;

    private EmbeddedConference(Server server, ServerConnector connector, Junction junction) {
        this.server = server;
        this.connector = connector;
        this.junction = junction;
    }

    /** The application's tokens: a host of a room publishes and watches, a guest only watches. */
    static final Authenticator TOKENS = request -> {
        if (("host-" + request.room()).equals(request.token())) {
            return AuthDecision.grant(MediaRights.ALL);
        }
        if (("guest-" + request.room()).equals(request.token())) {
            return AuthDecision.grant(MediaRights.SUBSCRIBE_ONLY);
        }
        return AuthDecision.deny("no ticket for room " + request.room());
    };

    /**
     * Starts the application on {@code host}:{@code httpPort} (0 = any free port) with Junction's
     * media on UDP {@code mediaPort}, announcing {@code announce} in ICE candidates.
     */
    public static EmbeddedConference start(String host, int httpPort, int mediaPort, String announce)
            throws Exception {
        // tag::embed[]
        Junction junction = Junction.builder()
                .httpServer(false)                 // mounted in our own Jetty below
                .mediaPort(mediaPort)
                .announce(announce)
                .roomCapacity(8)
                .authenticator(TOKENS)
                .adminToken("change-me-please")
                .listener(event -> LOG.info("junction: {}", event))
                .build()
                .start();

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(httpPort);
        server.addConnector(connector);
        server.setHandler(new ContextHandlerCollection(
                new ContextHandler(new HelloHandler(), "/app"),
                new ContextHandler(junction.webSocketHandler(server), "/rtc"),   // ws://host:port/rtc/ws
                new ContextHandler(junction.whipHandler(), "/media"),            // /media/whip/{room}, /media/whep/...
                new ContextHandler(junction.adminHandler(), "/ops")));            // /ops/api/rooms, /ops/metrics
        server.start();
        // end::embed[]
        return new EmbeddedConference(server, connector, junction);
    }

    /** The bound HTTP port. */
    public int port() {
        return connector.getLocalPort();
    }

    /** The embedded Junction. */
    public Junction junction() {
        return junction;
    }

    /** Closes Junction first (participants get {@code bye}), then the application's server. */
    @Override
    public void close() throws Exception {
        junction.close();
        server.stop();
    }

    /** The application's own content. */
    private static final class HelloHandler extends Handler.Abstract.NonBlocking {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            response.setStatus(200);
            response.write(true, BufferUtil.toBuffer("hello from the application", StandardCharsets.UTF_8), callback);
            return true;
        }
    }

    /** Runs on port 8080 (HTTP) and 10000 (UDP) until killed. */
    public static void main(String[] args) throws Exception {
        EmbeddedConference app = start(null, 8080, 10000, args.length > 0 ? args[0] : "127.0.0.1");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                app.close();
            } catch (Exception e) {
                LOG.warn("close failed", e);
            }
        }));
        Thread.currentThread().join();
    }
}
