package io.junction.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.junction.client.SfuParticipantClient;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code close()} says {@code bye} to every participant, and within 2 s every thread Junction
 * started has ended and both ports can be bound again.
 */
class CloseTest {

    @Test
    void closeSaysByeAndFreesThreadsAndPorts() throws Exception {
        try (Fixture f = new Fixture()) {
            // Warm the JVM-wide pieces (ice4j configuration and timers, crypto) before the baseline.
            Fixture.start(Junction.builder()).close();
            Set<Thread> baseline = Thread.getAllStackTraces().keySet();

            Junction j = Fixture.start(Junction.builder().listener(e -> { }));
            int httpPort = j.httpPort();
            int mediaPort = j.mediaPort();
            SfuParticipantClient c = f.join(j, "bye", "ann", null, true);
            c.connected().get(10, TimeUnit.SECONDS);

            long start = System.nanoTime();
            j.close();
            JsonNode bye = AuthenticatorTest.firstEvent(c, "bye");
            assertEquals(c.id(), bye.get("id").asText());
            assertEquals(0, bye.get("userNum").asInt());
            c.close();
            Fixture.await("Junction's threads to end", Duration.ofNanos(2_000_000_000L - (System.nanoTime() - start)),
                    () -> started(baseline).isEmpty(), () -> started(baseline).toString());

            try (ServerSocket tcp = new ServerSocket()) {
                tcp.bind(new InetSocketAddress(InetAddress.getByName(Fixture.LOOPBACK), httpPort));
            }
            try (DatagramSocket udp = new DatagramSocket(mediaPort, InetAddress.getByName(Fixture.LOOPBACK))) {
                assertTrue(udp.isBound());
            }
        }
    }

    /**
     * Live threads not in {@code baseline}, excluding the test client's own and ice4j's JVM-wide
     * static pools ("ice4j.Agent-...", "ice4j.NetAccessManager-...", "ice4j.StunClientTransaction-...",
     * "ice4j.StunStack-..."), which idle out by themselves (see the {@code ice} package documentation).
     * Per-instance ice4j threads (the port's reader, its timer, STUN connectors) are checked.
     */
    private static Set<String> started(Set<Thread> baseline) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !baseline.contains(t))
                .map(Thread::getName)
                .filter(n -> !n.startsWith("test-client") && !n.startsWith("HttpClient") && !n.startsWith("ice4j."))
                .collect(Collectors.toSet());
    }
}
