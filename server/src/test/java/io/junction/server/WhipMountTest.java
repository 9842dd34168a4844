package io.junction.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.junction.client.WhipClient;
import java.net.URI;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.junit.jupiter.api.Test;

/** The WHIP/WHEP handler mounted under an application's context path. */
class WhipMountTest {

    @Test
    void whipUnderTheApplicationsContextPathAnswersWithAContextRelativeLocation() throws Exception {
        Server app = new Server();
        ServerConnector connector = new ServerConnector(app);
        connector.setHost(Fixture.LOOPBACK);
        connector.setPort(0);
        app.addConnector(connector);
        try (Fixture f = new Fixture();
             Junction j = Fixture.start(Junction.builder().httpServer(false))) {
            app.setHandler(new ContextHandlerCollection(
                    new ContextHandler(j.webSocketHandler(app), "/rtc"),
                    new ContextHandler(j.whipHandler(), "/media")));
            app.start();
            String base = "http://127.0.0.1:" + connector.getLocalPort();
            try (WhipClient whip = WhipClient.publish(f.http, URI.create(base + "/media/whip/m1"), null, f.cert(),
                    f.handshakes())) {
                assertEquals(201, whip.status(), whip.response().body());
                assertTrue(whip.location().getPath().startsWith("/media/whip/m1/s/"), whip.location().toString());
                assertEquals(1, j.signaling().rooms().roomSize("m1").getAsInt());
                assertEquals(200, whip.delete().statusCode());
                assertEquals(0, j.signaling().rooms().roomCount());
            }
            assertEquals(404, f.get(base + "/whip/m1", null).statusCode(), "only under the mounted context");
        } finally {
            app.stop();
        }
    }
}
