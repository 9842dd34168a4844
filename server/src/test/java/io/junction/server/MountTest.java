package io.junction.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.client.SfuParticipantClient;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.junit.jupiter.api.Test;

/** Junction's signaling and admin handlers mounted under an application's own Jetty server and paths. */
class MountTest {

    @Test
    void signalingAndAdminServeUnderTheApplicationsPaths() throws Exception {
        Server app = new Server();
        ServerConnector connector = new ServerConnector(app);
        connector.setHost(Fixture.LOOPBACK);
        connector.setPort(0);
        app.addConnector(connector);
        try (Fixture f = new Fixture();
             Junction j = Fixture.start(Junction.builder().httpServer(false))) {
            assertThrows(IllegalStateException.class, j::httpPort);
            app.setHandler(new ContextHandlerCollection(
                    new ContextHandler(j.webSocketHandler(app), "/rtc"),
                    new ContextHandler(j.adminHandler(), "/ops")));
            app.start();
            int port = connector.getLocalPort();
            SfuParticipantClient c = f.join("ws://127.0.0.1:" + port + "/rtc/ws", "mounted", "ann", null, false);
            c.joined().get(5, TimeUnit.SECONDS);
            assertEquals(1, j.signaling().rooms().roomSize("mounted").getAsInt());

            var rooms = f.get("http://127.0.0.1:" + port + "/ops/api/rooms", null);
            assertEquals(200, rooms.statusCode());
            JsonNode list = new ObjectMapper().readTree(rooms.body()).get("rooms");
            assertEquals("mounted", list.get(0).get("name").asText(), rooms.body());
            assertEquals(200, f.get("http://127.0.0.1:" + port + "/ops/health", null).statusCode());
            assertEquals(404, f.get("http://127.0.0.1:" + port + "/ws", null).statusCode());
            assertTrue(f.get("http://127.0.0.1:" + port + "/ops/metrics", null).body().contains("junction_rooms"));
        } finally {
            app.stop();
        }
    }
}
