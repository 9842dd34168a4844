package io.junction.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The allow-list of remote networks and the STUN framing check, over loopback with real ice4j sessions. */
class IceGuardLoopbackTest {
    private static final Duration CONNECT = Duration.ofMillis(800);

    private static IceConfig config(List<String> allowed) {
        return IceConfig.builder().bindAddress("127.0.0.1").port(0).announcedAddresses(List.of("127.0.0.1"))
                .connectTimeout(CONNECT).allowedNetworks(allowed).build();
    }

    @Test
    void anAllowListWithoutLoopbackKeepsALoopbackPeerOut() throws Exception {
        try (IcePort port = new IcePort(config(List.of("10.0.0.0/8", "::1/128")))) {
            RecordingListener sl = new RecordingListener();
            RecordingListener cl = new RecordingListener();
            IceTransport server = port.createServerTransport(sl);
            IceTransport client = IceTransport.createClient("127.0.0.1", cl, CONNECT, Duration.ofSeconds(30));
            try {
                IceLoopbackTest.connect(server, client);
                String reason = sl.failed.get(10, TimeUnit.SECONDS);
                assertTrue(reason.contains("timeout"), reason);
                assertEquals(1, server.stats().candidatesOutsideAllowedNetworks());
                assertEquals(1, port.candidatesOutsideAllowedNetworks());
                // the client's checks reached the port and were refused there, before any session saw them
                waitAtLeast(port::rejectedByNetwork, 1);
                assertEquals(0, port.rejectedStunRequests());
                assertEquals(IceTransport.State.FAILED, server.state());
                cl.failed.get(10, TimeUnit.SECONDS);
                assertTrue(!sl.connected.isDone() && !cl.connected.isDone());
            } finally {
                client.close();
                server.close();
            }
        }
    }

    @Test
    void anAllowListWithLoopbackLetsThePeerConnect() throws Exception {
        try (IcePort port = new IcePort(config(List.of("10.0.0.0/8", "127.0.0.0/8")))) {
            RecordingListener sl = new RecordingListener();
            RecordingListener cl = new RecordingListener();
            IceTransport server = port.createServerTransport(sl);
            IceTransport client = IceTransport.createClient("127.0.0.1", cl, Duration.ofSeconds(10), Duration.ofSeconds(30));
            try {
                IceLoopbackTest.connect(server, client);
                sl.connected.get(10, TimeUnit.SECONDS);
                cl.connected.get(10, TimeUnit.SECONDS);
                assertEquals(0, port.rejectedByNetwork());
                assertEquals(0, port.candidatesOutsideAllowedNetworks());
                assertEquals(0, port.malformedStun());
            } finally {
                client.close();
                server.close();
            }
        }
    }

    /**
     * A known ice4j decoder crash (ERROR-CODE shorter than 4 bytes, found by StunFuzzTest) sent on an
     * established session: the port's framing check counts it before ice4j's decoder could see it.
     */
    @Test
    void malformedStunOnAnEstablishedSessionNeverReachesIce4jsDecoder() throws Exception {
        Logger ice4j = Logger.getLogger("org.ice4j");
        List<LogRecord> severe = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    severe.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        try (IcePort port = new IcePort(config(List.of()))) {
            ice4j.addHandler(capture);
            RecordingListener sl = new RecordingListener();
            RecordingListener cl = new RecordingListener();
            IceTransport server = port.createServerTransport(sl);
            IceTransport client = IceTransport.createClient("127.0.0.1", cl);
            try {
                IceLoopbackTest.connect(server, client);
                sl.connected.get(10, TimeUnit.SECONDS);
                cl.connected.get(10, TimeUnit.SECONDS);
                byte[] crash = StunFramingTest.corpus("error-code-shorter-than-4");
                for (int i = 0; i < 3; i++) {
                    client.send(crash, 0, crash.length); // from the selected pair's address: the session's socket
                }
                waitAtLeast(port::malformedStun, 3);
                assertEquals(3, port.drops(PortDrop.MALFORMED_STUN));
                // the session is unharmed: data still flows
                byte[] up = "\u0080after".getBytes(StandardCharsets.ISO_8859_1);
                client.send(up, 0, up.length);
                assertTrue(java.util.Arrays.equals(up, sl.data.poll(5, TimeUnit.SECONDS)));
                assertEquals(IceTransport.State.CONNECTED, server.state());
                assertEquals(List.of(), severe.stream().map(r -> r.getLoggerName() + ": " + r.getMessage()).toList());
            } finally {
                ice4j.removeHandler(capture);
                client.close();
                server.close();
            }
        }
    }

    /** A Binding Request ice4j decodes happily (its MESSAGE-INTEGRITY is 16 bytes, not 20) naming a live session. */
    @Test
    void aFirstDatagramWithBadAttributeSizesOpensNoSession() throws Exception {
        try (IcePort port = new IcePort(config(List.of()));
             DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            IceTransport server = port.createServerTransport(new RecordingListener());
            try {
                byte[] user = (server.localCredentials().ufrag() + ":peer").getBytes(StandardCharsets.US_ASCII);
                int userPadded = (user.length + 3) & ~3;
                int bodyLen = 4 + userPadded + 4 + 16;
                byte[] m = new byte[20 + bodyLen];
                System.arraycopy(HexFormat.of().parseHex("00010000" + "2112a442" + "0102030405060708090a0b0c"), 0, m, 0, 20);
                m[2] = (byte) (bodyLen >> 8);
                m[3] = (byte) bodyLen;
                m[20] = 0x00;
                m[21] = 0x06; // USERNAME
                m[23] = (byte) user.length;
                System.arraycopy(user, 0, m, 24, user.length);
                int mi = 24 + userPadded;
                m[mi + 1] = 0x08; // MESSAGE-INTEGRITY, 16 bytes
                m[mi + 3] = 16;
                assertEquals(server.localCredentials().ufrag(), AbstractUdpListenerAccess.ufrag(m));
                s.send(new DatagramPacket(m, m.length, InetAddress.getByName("127.0.0.1"), port.localPort()));
                waitAtLeast(port::malformedStun, 1);
                assertEquals(0, port.rejectedStunRequests());
                assertEquals(0, port.routedAddresses()); // refused at the port: no path for the sender
            } finally {
                server.close();
            }
        }
    }

    static void waitAtLeast(LongSupplier counter, long min) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (counter.getAsLong() < min && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(counter.getAsLong() >= min, "counter " + counter.getAsLong() + " < " + min);
    }
}
