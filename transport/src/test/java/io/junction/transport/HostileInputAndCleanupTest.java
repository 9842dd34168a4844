package io.junction.transport;

import static io.junction.transport.Peers.RTP_LEN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.junction.ice.PortDrop;
import io.junction.ice.IceConfig;
import io.junction.ice.IcePort;
import io.junction.srtp.SrtpProfile;
import io.junction.transport.Peers.Pair;
import java.io.File;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class HostileInputAndCleanupTest {
    private static final List<SrtpProfile> GCM = List.of(SrtpProfile.AEAD_AES_128_GCM);

    private static IcePort newPort() {
        return new IcePort(IceConfig.builder().bindAddress("127.0.0.1").port(0)
                .announcedAddresses(List.of("127.0.0.1")).build());
    }

    private static ExecutorService newPool() {
        AtomicInteger n = new AtomicInteger();
        return Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "junction-test-dtls-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Test
    void hostileDatagramsAreDroppedAndCountedWhileTheSessionKeepsWorking() throws Exception {
        io.junction.srtp.SrtpSession.warmUp();
        ExecutorService hs = newPool();
        try (IcePort port = newPort(); DatagramSocket attacker = new DatagramSocket(0,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            Pair p = Peers.connect(port, hs, GCM, null);
            try {
                p.clientEvents().connected.get(15, TimeUnit.SECONDS);
                p.serverEvents().connected.get(15, TimeUnit.SECONDS);
                InetSocketAddress target = new InetSocketAddress("127.0.0.1", port.localPort());
                Random rnd = new Random(42);
                long rejectedBefore = port.rejectedStunRequests();

                // from an unknown address: random bytes, truncated STUN, DTLS records, STUN with an unknown ufrag
                for (int i = 0; i < 20; i++) {
                    byte[] junk = new byte[1 + rnd.nextInt(300)];
                    rnd.nextBytes(junk);
                    attacker.send(new DatagramPacket(junk, junk.length, target));
                }
                byte[] truncatedStun = {0, 1, 0, 0x58, 0x21, 0x12, (byte) 0xa4, 0x42, 1, 2};
                attacker.send(new DatagramPacket(truncatedStun, truncatedStun.length, target));
                byte[] dtls = {22, (byte) 0xfe, (byte) 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0};
                attacker.send(new DatagramPacket(dtls, dtls.length, target));
                byte[] unknownUfrag = bindingRequest("nobody:" + p.client().localCredentials().ufrag());
                attacker.send(new DatagramPacket(unknownUfrag, unknownUfrag.length, target));
                // a Binding Request naming the live session but with a bad MESSAGE-INTEGRITY
                byte[] badIntegrity = bindingRequest(p.server().ice().localCredentials().ufrag() + ":evil");
                attacker.send(new DatagramPacket(badIntegrity, badIntegrity.length, target));

                // from the selected address itself (the client's socket): unknown kind, bad tag, replay
                byte[] unknownKind = {100, 1, 2, 3};
                p.client().sendRaw(unknownKind, 0, unknownKind.length);
                byte[] forged = Peers.rtp(500, 0xBADL, 7);
                p.client().sendRaw(forged, 0, RTP_LEN + 16); // plaintext + 16 random-ish tag bytes
                byte[] real = Peers.rtp(600, 0x600L, 6);
                byte[] realPlain = Peers.copy(real, 0, RTP_LEN);
                p.client().sendRtp(real, 0, RTP_LEN); // protected in place: real now holds the SRTP bytes
                assertArrayEquals(realPlain, p.serverEvents().rtp.poll(5, TimeUnit.SECONDS));
                p.client().sendRaw(real, 0, RTP_LEN + 16); // replay of the same SRTP packet

                waitUntil(() -> p.server().stats().dropped(DropReason.SRTP_REPLAY), 1);
                waitUntil(() -> p.server().stats().dropped(DropReason.SRTP_AUTH), 1);
                // RFC 7983: a first byte of 100 is neither STUN, DTLS nor RTP: the port drops it
                waitUntil(() -> port.drops(PortDrop.NOT_MUXED), 1);
                waitUntil(() -> port.rejectedStunRequests() - rejectedBefore, 1);
                waitUntil(() -> port.drops(PortDrop.BAD_INTEGRITY), 1);
                waitUntil(() -> port.drops(PortDrop.UNKNOWN_ADDRESS), 1); // the attacker's DTLS record
                waitUntil(() -> port.drops(PortDrop.MALFORMED_STUN), 1); // the truncated STUN

                // the session still works, and only the genuine packet ever reached the server's listener
                assertArrayEquals(realPlain, p.clientEvents().rtp.poll(5, TimeUnit.SECONDS));
                byte[] after = Peers.rtp(601, 0x600L, 9);
                byte[] afterPlain = Peers.copy(after, 0, RTP_LEN);
                p.client().sendRtp(after, 0, RTP_LEN);
                assertArrayEquals(afterPlain, p.serverEvents().rtp.poll(5, TimeUnit.SECONDS));
                assertArrayEquals(afterPlain, p.clientEvents().rtp.poll(5, TimeUnit.SECONDS));
                assertNull(p.serverEvents().rtp.poll());
                assertEquals(MediaTransport.State.CONNECTED, p.server().state());
                assertEquals(2, p.server().stats().rtpIn());
            } finally {
                p.close();
            }
        } finally {
            hs.shutdownNow();
        }
    }

    @Test
    void closingEverythingReturnsThreadsSocketsAndBuffersToBaseline() throws Exception {
        io.junction.srtp.SrtpSession.warmUp();
        warmUpOnce(); // JVM-wide lazies (ice4j config, selector, crypto) are not per-session resources
        long threads0 = ourThreads();
        long sockets0 = openSockets();
        ExecutorService hs = newPool();
        IcePort port = newPort();
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            pairs.add(Peers.connect(port, hs, io.junction.dtls.DtlsTransport.DEFAULT_PROFILES, null));
        }
        for (int i = 0; i < pairs.size(); i++) {
            Pair p = pairs.get(i);
            p.clientEvents().connected.get(15, TimeUnit.SECONDS);
            p.client().sendRtp(Peers.rtp(1, 77 + i, 1), 0, RTP_LEN);
            assertNotNull(p.clientEvents().rtp.poll(5, TimeUnit.SECONDS));
        }
        assertTrue(ourThreads() > threads0, "sessions use threads");
        pairs.forEach(Pair::close);
        port.close();
        hs.shutdownNow();
        awaitAtMost(HostileInputAndCleanupTest::ourThreads, threads0, "threads");
        awaitAtMost(HostileInputAndCleanupTest::openSockets, sockets0, "UDP sockets");
    }

    private static void warmUpOnce() throws Exception {
        ExecutorService hs = newPool();
        try (IcePort port = newPort()) {
            Pair p = Peers.connect(port, hs, GCM, null);
            p.clientEvents().connected.get(15, TimeUnit.SECONDS);
            p.close();
        } finally {
            hs.shutdownNow();
        }
    }

    /** Threads of ice4j sessions and of our pools (ice4j's JVM-wide static pools idle out on their own). */
    private static long ourThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("IceConnector") || n.contains("AbstractUdpListener")
                        || n.startsWith("junction-"))
                .count();
    }

    private static long openSockets() {
        File[] fds = new File("/proc/self/fd").listFiles();
        long n = 0;
        for (File f : fds == null ? new File[0] : fds) {
            try {
                if (Files.readSymbolicLink(f.toPath()).toString().startsWith("socket:")) {
                    n++;
                }
            } catch (java.io.IOException ignored) {
                // closed meanwhile
            }
        }
        return n;
    }

    private static void awaitAtMost(LongSupplier value, long max, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (value.getAsLong() > max && System.nanoTime() < deadline) {
            // ice4j wraps each session socket in unbound java.net.DatagramSocket subclasses whose
            // descriptors are released by the JDK Cleaner: let it run while polling
            System.gc();
            Thread.sleep(20); // polling a condition with a deadline, not a timed wait for an outcome
        }
        assertTrue(value.getAsLong() <= max, what + ": " + value.getAsLong() + " > baseline " + max);
    }

    private static void waitUntil(LongSupplier value, long atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (value.getAsLong() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(value.getAsLong() >= atLeast, "counter stayed at " + value.getAsLong());
    }

    /** RFC 5389 Binding Request with USERNAME and a zeroed (wrong) MESSAGE-INTEGRITY. */
    private static byte[] bindingRequest(String username) {
        byte[] u = username.getBytes(StandardCharsets.UTF_8);
        int uPadded = (u.length + 3) & ~3;
        int len = 4 + uPadded + 4 + 20;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(20 + len);
        b.putShort((short) 0x0001).putShort((short) len).putInt(0x2112A442);
        byte[] tid = new byte[12];
        new Random(7).nextBytes(tid);
        b.put(tid);
        b.putShort((short) 0x0006).putShort((short) u.length).put(u).put(new byte[uPadded - u.length]);
        b.putShort((short) 0x0008).putShort((short) 20).put(new byte[20]);
        return b.array();
    }
}
