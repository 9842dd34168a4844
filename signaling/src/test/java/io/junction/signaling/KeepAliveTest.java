package io.junction.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class KeepAliveTest {
    @Test
    void quietSocketsArePingedAndOutliveTheIdleTimeout() throws Exception {
        SignalingServer server = new SignalingServer(new FakeMediaEngine(),
                SignalingOptions.defaults().withIdleTimeout(Duration.ofMillis(600)));
        server.start("127.0.0.1", 0);
        try {
            CompletableFuture<Void> threePings = new CompletableFuture<>();
            CompletableFuture<Integer> closed = new CompletableFuture<>();
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/ws"), new WebSocket.Listener() {
                        private int pings;

                        @Override
                        public CompletionStage<?> onPing(WebSocket w, ByteBuffer message) {
                            if (++pings == 3) {
                                threePings.complete(null);
                            }
                            w.request(1);
                            return null;
                        }

                        @Override
                        public CompletionStage<?> onClose(WebSocket w, int status, String reason) {
                            closed.complete(status);
                            return null;
                        }
                    }).get(5, TimeUnit.SECONDS);
            // three pings at 200 ms intervals: the socket lived past the 600 ms idle timeout
            threePings.get(5, TimeUnit.SECONDS);
            assertEquals(false, closed.isDone());
            ws.abort();
        } finally {
            server.close();
        }
    }
}
