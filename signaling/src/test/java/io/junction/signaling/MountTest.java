package io.junction.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

/** An application mounts the signaling endpoint in its own Jetty server, in front of its own handler. */
class MountTest {
    @Test
    void webSocketHandlerPassesOtherRequestsToTheApplication() throws Exception {
        Server app = new Server();
        ServerConnector connector = new ServerConnector(app);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        app.addConnector(connector);
        SignalingServer signaling = new SignalingServer(new FakeMediaEngine(),
                SignalingOptions.defaults().withDefaultMode(RoomMode.P2P));
        Handler.Wrapper ws = signaling.webSocketHandler(app);
        ws.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.setStatus(200);
                response.write(true, BufferUtil.toBuffer("app", StandardCharsets.UTF_8), callback);
                return true;
            }
        });
        app.setHandler(ws);
        app.start();
        try {
            int port = connector.getLocalPort();
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> page = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/anything")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("app", page.body());
            try (WsClient c = new WsClient(http, port)) {
                assertEquals("p2p", c.join("mounted", "m").get("mode").asText());
                assertEquals(1, signaling.rooms().roomSize("mounted").getAsInt());
            }
        } finally {
            app.stop();
        }
    }
}
