package io.junction.signaling;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;

/** The WebSocket clients one test opens (sharing one JDK HttpClient), closed together. */
final class WsClients implements AutoCloseable {
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<WsClient> open = new ArrayList<>();

    /** A new client connected to the signaling server on {@code port}. */
    WsClient open(int port) throws Exception {
        WsClient c = new WsClient(http, port);
        open.add(c);
        return c;
    }

    @Override
    public void close() {
        open.forEach(WsClient::close);
        open.clear();
    }
}
