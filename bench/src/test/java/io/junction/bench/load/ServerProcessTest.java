package io.junction.bench.load;

import io.junction.client.SignalingClient;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The spawned server admits more participants connecting at once from 127.0.0.1 than the
 * default per-address half-open limit (8), as a bench needs: every simulated participant
 * comes from that one address.
 */
class ServerProcessTest {
    static {
        System.setProperty("ice4j.harvest.mapping.aws.enabled", "false");
    }

    @Test
    void manyParticipantsConnectingAtOnceFromOneAddressAreAdmitted() throws Exception {
        int n = 12;
        List<SignalingClient> clients = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start(LoadBenchSpawnTest.serverJar(), null, List.of(),
                Duration.ofSeconds(60))) {
            try {
                for (int i = 0; i < n; i++) {
                    SignalingClient c = SignalingClient.connect(server.signalingUri(), Duration.ofSeconds(10));
                    clients.add(c);
                    c.join("many", "p" + i); // joined, never offers: a join alone allocates no transport
                }
                for (SignalingClient c : clients) {
                    c.next("joined", Duration.ofSeconds(10));
                }
                HttpClient http = HttpClient.newHttpClient();
                HttpRequest metrics = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.httpPort() + "/metrics"))
                        .timeout(Duration.ofSeconds(5)).build();
                String text = http.send(metrics, HttpResponse.BodyHandlers.ofString()).body();
                // Transport state starts at the first valid ICE check, not at join: nothing is half-open.
                assertEquals(0.0, value(text, "junction_halfopen_transports"), text);
                assertEquals(0.0, value(text, "junction_halfopen_refusals_total"), "no join refused");
            } finally {
                clients.forEach(SignalingClient::close);
            }
        }
    }

    /** The value of an untagged Prometheus sample, or -1 when absent. */
    private static double value(String metrics, String name) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1).trim());
            }
        }
        return -1;
    }
}
