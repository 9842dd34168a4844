package io.junction.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.junction.dtls.DtlsCertificate;
import io.junction.dtls.DtlsRole;
import io.junction.dtls.DtlsTransport;
import io.junction.ice.IceConfig;
import io.junction.ice.IcePort;
import io.junction.transport.client.ClientPeer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The handshake timeout of a {@link MediaTransport} bounds ICE and DTLS together: a peer that
 * passes ICE late and then never answers DTLS fails the transport when the timeout, counted
 * from {@link MediaTransport#start}, runs out, not a whole timeout after ICE connected.
 */
class HandshakeBudgetTest {
    private IcePort port;
    private ExecutorService hs;
    private ScheduledExecutorService later;

    @BeforeEach
    void setUp() {
        io.junction.srtp.SrtpSession.warmUp();
        port = new IcePort(IceConfig.builder().bindAddress("127.0.0.1").port(0)
                .announcedAddresses(List.of("127.0.0.1")).build());
        hs = Executors.newCachedThreadPool();
        later = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void tearDown() {
        later.shutdownNow();
        port.close();
        hs.shutdownNow();
    }

    @Test
    void dtlsGetsOnlyWhatIceLeftOfTheTimeout() throws Exception {
        AtomicInteger clientHandshakes = new AtomicInteger();
        Peers.Recorder ce = new Peers.Recorder();
        // The client's DTLS task is dropped: it passes ICE, then stays silent.
        ClientPeer client = new ClientPeer("127.0.0.1", DtlsCertificate.generate(), DtlsRole.CLIENT,
                r -> clientHandshakes.incrementAndGet(), Duration.ofSeconds(10), DtlsTransport.DEFAULT_PROFILES, ce);
        Peers.Recorder se = new Peers.Recorder();
        MediaTransport server = new MediaTransport(port::createServerTransport, Peers.SERVER_CERT,
                hs, Duration.ofMillis(2000),
                DtlsTransport.DEFAULT_PROFILES, se);
        try {
            server.ice().setRemoteCredentials(client.localCredentials());
            client.localCandidates().forEach(server.ice()::addRemoteCandidate);
            long t0 = System.nanoTime();
            server.start(client.localFingerprint(), DtlsRole.SERVER);
            // ICE can only connect once the client starts, 1.2 s into the 2 s budget.
            later.schedule(() -> client.connect(server.ice().localCredentials(), server.ice().localCandidates(),
                    Peers.SERVER_CERT.fingerprint()), 1200, TimeUnit.MILLISECONDS);
            String reason = se.failed.get(10, TimeUnit.SECONDS);
            long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(reason.startsWith("DTLS: handshake timeout"), reason);
            assertEquals(1, clientHandshakes.get(), "the client passed ICE and reached its DTLS step");
            assertTrue(elapsedMs >= 1950, "failed before the timeout: " + elapsedMs + " ms");
            // A DTLS deadline counted from ICE connecting would have fired at >= 3.2 s.
            assertTrue(elapsedMs < 3000, "failed " + elapsedMs + " ms after start, later than the 2 s budget allows");
            assertEquals(MediaTransport.State.FAILED, server.state());
        } finally {
            client.close();
            server.close();
        }
    }
}
