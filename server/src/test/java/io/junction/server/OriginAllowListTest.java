package io.junction.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The WebSocket upgrade honours the origin allow-list: other origins get HTTP 403. */
class OriginAllowListTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private WebSocket open(Junction j, String origin) throws Exception {
        WebSocket.Builder b = http.newWebSocketBuilder();
        if (origin != null) {
            b.header("Origin", origin);
        }
        return b.buildAsync(URI.create("ws://127.0.0.1:" + j.httpPort() + "/ws"), new WebSocket.Listener() {
        }).get(5, TimeUnit.SECONDS);
    }

    @Test
    void onlyListedOriginsAndNonBrowserClientsMayUpgrade() throws Exception {
        try (Junction j = Fixture.start(Junction.builder()
                .allowedOrigins(List.of("https://app.example.com", "http://127.0.0.1:3000/")))) {
            open(j, "https://APP.example.com").abort();
            open(j, "http://127.0.0.1:3000").abort();
            open(j, null).abort();
            ExecutionException e = assertThrows(ExecutionException.class, () -> open(j, "https://evil.example.com"));
            WebSocketHandshakeException refused = assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
            assertEquals(403, refused.getResponse().statusCode());
            // the refusal leaves the server serving others
            WebSocket ok = open(j, "https://app.example.com");
            assertNotNull(ok);
            ok.abort();
        }
    }

    @Test
    void anEmptyListAllowsEveryOrigin() throws Exception {
        try (Junction j = Fixture.start(Junction.builder())) {
            open(j, "https://anything.example.org").abort();
        }
    }

    @Test
    void badOriginsAreRefusedAtBuild() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Junction.builder().allowedOrigins(List.of("example.com")).build());
        assertTrue(e.getMessage().contains("allowedOrigins"), e.getMessage());
    }
}
