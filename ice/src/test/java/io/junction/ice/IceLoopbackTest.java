package io.junction.ice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IceLoopbackTest {
    static IceConfig loopback() {
        return IceConfig.builder().bindAddress("127.0.0.1").port(0).announcedAddresses(List.of("127.0.0.1")).build();
    }

    static void connect(IceTransport server, IceTransport client) {
        server.setRemoteCredentials(client.localCredentials());
        client.setRemoteCredentials(server.localCredentials());
        server.localCandidates().forEach(client::addRemoteCandidate);
        client.localCandidates().forEach(server::addRemoteCandidate);
        server.start();
        client.start();
    }

    @Test
    void serverAndClientConnectOverLoopbackAndExchangeDataBothWays() throws Exception {
        try (IcePort port = new IcePort(loopback())) {
            RecordingListener sl = new RecordingListener();
            RecordingListener cl = new RecordingListener();
            IceTransport server = port.createServerTransport(sl);
            IceTransport client = IceTransport.createClient("127.0.0.1", cl);
            try {
                Candidate sc = server.localCandidates().get(0);
                assertEquals("127.0.0.1", sc.address());
                assertEquals(port.localPort(), sc.port());
                assertEquals("host", sc.type());
                connect(server, client);
                cl.connected.get(10, TimeUnit.SECONDS);
                sl.connected.get(10, TimeUnit.SECONDS);
                assertEquals(IceTransport.State.CONNECTED, server.state());
                assertEquals(IceTransport.State.CONNECTED, client.state());

                byte[] up = "\u0080hello server".getBytes(StandardCharsets.ISO_8859_1);
                client.send(up, 0, up.length);
                assertArrayEquals(up, sl.data.poll(5, TimeUnit.SECONDS));
                byte[] down = "\u0080hello client".getBytes(StandardCharsets.ISO_8859_1);
                byte[] padded = new byte[down.length + 4];
                System.arraycopy(down, 0, padded, 2, down.length);
                server.send(padded, 2, down.length);
                assertArrayEquals(down, cl.data.poll(5, TimeUnit.SECONDS));

                assertEquals(1, server.stats().delivered());
                assertEquals(1, client.stats().sent());
                assertNotNull(server.selectedRemoteAddress());
                assertEquals(client.localCandidates().get(0).port(), server.selectedRemoteAddress().getPort());
            } finally {
                client.close();
                server.close();
            }
            assertEquals(IceTransport.State.CLOSED, server.state());
            assertTrue(!sl.failed.isDone() && !cl.failed.isDone(), "close reports no failure");
        }
    }

    @Test
    void sendBeforeConnectedIsCountedDrop() throws Exception {
        try (IcePort port = new IcePort(loopback())) {
            IceTransport server = port.createServerTransport(new RecordingListener());
            server.send(new byte[10], 0, 10);
            assertEquals(1, server.stats().sendDroppedNotConnected());
            server.close();
        }
    }

    @Test
    void connectTimeoutReportsFailureAndFreesTheSession() throws Exception {
        IceConfig cfg = IceConfig.builder().bindAddress("127.0.0.1").port(0)
                .announcedAddresses(List.of("127.0.0.1")).connectTimeout(Duration.ofMillis(300)).build();
        try (IcePort port = new IcePort(cfg)) {
            RecordingListener sl = new RecordingListener();
            IceTransport server = port.createServerTransport(sl);
            server.setRemoteCredentials(IceCredentials.random()); // nobody will ever check
            server.start();
            String reason = sl.failed.get(10, TimeUnit.SECONDS);
            assertTrue(reason.contains("timeout"), reason);
            assertEquals(IceTransport.State.FAILED, server.state());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (port.liveTransports() != 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(0, port.liveTransports());
        }
    }
}
