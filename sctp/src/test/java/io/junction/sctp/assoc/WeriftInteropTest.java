package io.junction.sctp.assoc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Interop with an independent stack, werift-sctp (TypeScript), over UDP on 127.0.0.1 (plain SCTP
 * packets, as DTLS would carry them). Manual: runs only with {@code -Dsctp.werift.dir=DIR}, where
 * DIR holds {@code node_modules/werift-sctp} ({@code npm install werift-sctp@0.0.11 debug}: the
 * package needs {@code debug} without declaring it). Uses the real clock: it talks to a process.
 * The peer echoes every message; we check the echoes, stream reset and shutdown, also with 10 %
 * of the datagrams dropped in each direction (seeded).
 */
class WeriftInteropTest {

    @ParameterizedTest(name = "werift as {0}")
    @ValueSource(strings = {"server", "client", "server, 10% loss each way"})
    void echo(String weriftCase) throws Exception {
        String weriftRole = weriftCase.startsWith("server") ? "server" : "client";
        double loss = weriftCase.contains("loss") ? 0.10 : 0;
        String dir = System.getProperty("sctp.werift.dir");
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir, "node_modules", "werift-sctp")),
                "set -Dsctp.werift.dir to a folder with node_modules/werift-sctp");
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            int weriftPort;
            try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                weriftPort = probe.getLocalPort();
            }
            InetSocketAddress peer = new InetSocketAddress(InetAddress.getLoopbackAddress(), weriftPort);
            Path script = Path.of("src/test/interop/werift-echo.mjs").toAbsolutePath();
            ProcessBuilder pb = new ProcessBuilder("node", script.toString(), weriftRole,
                    String.valueOf(weriftPort), String.valueOf(udp.getLocalPort()));
            pb.environment().put("WERIFT_DIR", dir);
            pb.redirectErrorStream(true);
            Process node = pb.start();
            List<String> lines = new CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(node.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String l;
                    while ((l = r.readLine()) != null) {
                        lines.add(l);
                    }
                } catch (Exception ignored) {
                    // the process ended
                }
            });
            reader.start();
            try {
                run(udp, peer, weriftRole.equals("server"), lines, loss);
            } finally {
                node.destroy();
                node.waitFor();
                reader.join(5000);
            }
        }
    }

    private static void run(DatagramSocket udp, InetSocketAddress peer, boolean weAreClient, List<String> lines,
                            double loss) throws Exception {
        Random drops = new Random(11);
        Association a = new Association(AssociationOptions.DEFAULTS.withRto(1000, 200, 60_000),
                System::currentTimeMillis, new SecureRandom(), (p, off, len) -> {
                    if (drops.nextDouble() < loss) {
                        return;
                    }
                    try {
                        udp.send(new DatagramPacket(p, off, len, peer));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
        Recorder rec = new Recorder();
        a.setListener(rec);
        Driver d = new Driver(a, udp, drops, loss);
        if (weAreClient) {
            a.connect(); // if node is not listening yet, T1 retransmits the INIT
        }
        assertTrue(d.until(() -> rec.established, 10_000), "established; werift said " + lines);
        assertTrue(d.until(() -> !rec.messages.isEmpty(), 5_000), "werift's hello");
        assertEquals("hello from werift", new String(rec.messages.get(0).data(), StandardCharsets.UTF_8));
        rec.messages.clear();
        Random r = new Random(5);
        int[] sizes = {1, 1172, 1173, 5000, 65_536, 200_000};
        byte[][] sent = new byte[sizes.length][];
        for (int i = 0; i < sizes.length; i++) {
            sent[i] = new byte[sizes[i]];
            r.nextBytes(sent[i]);
            assertEquals(SendStatus.OK, a.send(2, 53, sent[i], 0, sent[i].length, SendOptions.RELIABLE_ORDERED));
        }
        assertTrue(d.until(() -> rec.messages.size() == sizes.length, 40_000),
                rec.messages.size() + " echoes; " + a.stats() + "; werift said " + lines);
        for (int i = 0; i < sizes.length; i++) {
            assertArrayEquals(sent[i], rec.messages.get(i).data(), "echo of " + sizes[i]);
            assertEquals(2, rec.messages.get(i).stream());
        }
        assertTrue(a.resetStreams(2));
        assertTrue(d.until(() -> lines.contains("reset 2") && !rec.outgoingResets.isEmpty(), 5_000),
                "werift saw the reset; it said " + lines);
        a.shutdown();
        assertTrue(d.until(() -> rec.closed != null, 10_000), "shutdown; werift said " + lines);
        assertEquals("shutdown complete", rec.closed);
        assertEquals(0, a.stats().droppedChecksum + a.stats().droppedMalformed + a.stats().droppedChunks);
        if (loss > 0) {
            assertTrue(a.stats().retransmissions > 0, a.stats().toString());
        }
    }

    /** Feeds datagrams and timers to the association until a condition holds or a deadline passes. */
    private record Driver(Association a, DatagramSocket udp, Random drops, double loss) {
        boolean until(BooleanSupplier done, long maxMs) throws Exception {
            long end = System.currentTimeMillis() + maxMs;
            byte[] buf = new byte[65536];
            while (!done.getAsBoolean()) {
                long now = System.currentTimeMillis();
                if (now >= end) {
                    return false;
                }
                if (a.nextTimeout() <= now) {
                    a.handleTimeout();
                    continue;
                }
                long wait = Math.max(1, Math.min(end, a.nextTimeout()) - now);
                udp.setSoTimeout((int) Math.min(wait, 50));
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    udp.receive(p);
                    if (drops.nextDouble() >= loss) {
                        a.receive(p.getData(), p.getOffset(), p.getLength());
                    }
                } catch (SocketTimeoutException e) {
                    // timers or the deadline next
                }
            }
            return true;
        }
    }
}
