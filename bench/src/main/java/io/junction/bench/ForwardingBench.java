package io.junction.bench;

import io.junction.client.MediaPump;
import io.junction.client.ReceivedStream;
import io.junction.client.SfuParticipantClient;
import io.junction.dtls.DtlsCertificate;
import io.junction.ice.IceConfig;
import io.junction.sfu.SfuEngine;
import io.junction.sfu.SfuOptions;
import io.junction.signaling.RoomMode;
import io.junction.signaling.RoomSettings;
import io.junction.signaling.SignalingOptions;
import io.junction.signaling.SignalingServer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A first forwarding figure: one publisher (audio + video) fanned out to N subscribers, all Java
 * client peers on loopback in this JVM, through the real signaling server and engine. Reports
 * forwarded packets per second and the CPU time of the server's packet threads (room workers and
 * the UDP reader) per forwarded packet, read per thread from the JVM.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar io.junction.bench.ForwardingBench
 * [subscribers=20] [seconds=10] [videoKbps=1500]}
 */
public final class ForwardingBench {
    private ForwardingBench() {
    }

    public static void main(String[] args) throws Exception {
        int subscribers = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int kbps = args.length > 2 ? Integer.parseInt(args[2]) : 1500;
        if (subscribers < 1 || subscribers > 200 || seconds < 1 || seconds > 120) {
            throw new IllegalArgumentException("subscribers must be in [1, 200] and seconds in [1, 120]");
        }
        IceConfig ice = IceConfig.builder().bindAddress("127.0.0.1").port(0)
                .announcedAddresses(List.of("127.0.0.1")).build();
        ExecutorService handshakes = Executors.newFixedThreadPool(4);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        DtlsCertificate cert = DtlsCertificate.generate();
        List<SfuParticipantClient> clients = new ArrayList<>();
        try (SfuEngine engine = new SfuEngine(SfuOptions.defaults(ice))) {
            // One room holds the publisher and every subscriber: raise the default capacity (16).
            SignalingServer server = new SignalingServer(engine, SignalingOptions.defaults()
                    .withRoomPolicy(room -> new RoomSettings(RoomMode.SFU, subscribers + 1)));
            server.start("127.0.0.1", 0);
            URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/ws");
            SfuParticipantClient pub = new SfuParticipantClient(uri, "bench", "pub", true, cert, handshakes);
            clients.add(pub);
            pub.connected().get(20, TimeUnit.SECONDS);
            for (int i = 0; i < subscribers; i++) {
                SfuParticipantClient s = new SfuParticipantClient(uri, "bench", "sub" + i, false, cert, handshakes);
                clients.add(s);
            }
            MediaPump pump = MediaPump.start(pub, timer, false, 30, kbps * 1000, 60);
            int failed = 0;
            for (SfuParticipantClient s : clients.subList(1, clients.size())) {
                try {
                    s.connected().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    failed++;
                    System.out.println("subscriber " + s.id() + " did not connect: " + e + " offers answered "
                            + s.offersAnswered() + " events " + s.events());
                }
            }
            if (failed > 0) {
                throw new IllegalStateException(failed + " subscribers did not connect");
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (received(clients) < subscribers * 2L * 10 && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpu0 = ServerThreadsCpu.nanos(threads);
            long pk0 = received(clients);
            long t0 = System.nanoTime();
            TimeUnit.SECONDS.sleep(seconds);
            long cpu1 = ServerThreadsCpu.nanos(threads);
            long pk1 = received(clients);
            long t1 = System.nanoTime();
            pump.close();
            double secs = (t1 - t0) / 1e9;
            double pps = (pk1 - pk0) / secs;
            double cpuUsPerPacket = (cpu1 - cpu0) / 1e3 / Math.max(1, pk1 - pk0);
            long corrupt = clients.stream().flatMap(c -> c.received().values().stream())
                    .mapToLong(ReceivedStream::corrupt).sum();
            System.out.printf("subscribers=%d seconds=%.1f videoKbps=%d%n", subscribers, secs, kbps);
            System.out.printf("forwarded packets/s (received by subscribers) = %.0f%n", pps);
            System.out.printf("server packet-thread CPU = %.1f%% of one core, %.2f us per forwarded packet%n",
                    (cpu1 - cpu0) / 1e7 / secs, cpuUsPerPacket);
            System.out.printf("=> forwarded packets/s per server core (extrapolated) = %.0f%n", 1e6 / cpuUsPerPacket);
            System.out.printf("corrupt payloads = %d%n", corrupt);
            server.close();
        } finally {
            clients.forEach(SfuParticipantClient::close);
            timer.shutdownNow();
            handshakes.shutdownNow();
        }
    }

    private static long received(List<SfuParticipantClient> clients) {
        long n = 0;
        for (SfuParticipantClient c : clients) {
            for (ReceivedStream s : c.received().values()) {
                n += s.packets();
            }
        }
        return n;
    }

}
