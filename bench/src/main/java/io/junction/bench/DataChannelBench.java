package io.junction.bench;

import io.junction.client.ClientDataChannels;
import io.junction.client.SfuParticipantClient;
import io.junction.dtls.DtlsCertificate;
import io.junction.ice.IceConfig;
import io.junction.sctp.assoc.SendStatus;
import io.junction.sctp.dcep.ChannelOptions;
import io.junction.sfu.SfuEngine;
import io.junction.sfu.SfuOptions;
import io.junction.signaling.RoomMode;
import io.junction.signaling.RoomSettings;
import io.junction.signaling.SignalingOptions;
import io.junction.signaling.SignalingServer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Data channels through the SFU: one sender to N receivers (data-only Java participants on
 * loopback in this JVM), reliable ordered channel "bench". End-to-end window: the sender keeps
 * at most {@code window} bytes (at least 2 messages) ahead of the slowest receiver, so the
 * server's per-receiver bound (1 MiB, then cut-off) is not what limits the run. Reports delivered messages/s and MB/s (summed over receivers),
 * the server threads' CPU per delivered message, and the sender-to-receiver latency.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar io.junction.bench.DataChannelBench
 * [receivers=15] [messageBytes=1024] [messages=2000]}
 */
public final class DataChannelBench {
    private DataChannelBench() {
    }

    public static void main(String[] args) throws Exception {
        int receivers = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
        int messages = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        if (receivers < 1 || receivers > 50 || size < 8 || size > io.junction.sfu.sdp.SctpDescription.ADVERTISED_MAX_MESSAGE_SIZE
                || messages < 1) {
            throw new IllegalArgumentException("receivers 1..50, messageBytes 8..261120 (the server's "
                    + "a=max-message-size), messages >= 1");
        }
        long window = Math.max(2L * size, 512 * 1024);
        long windowMessages = window / size;
        IceConfig ice = IceConfig.builder().bindAddress("127.0.0.1").port(0)
                .announcedAddresses(List.of("127.0.0.1")).build();
        ExecutorService handshakes = Executors.newFixedThreadPool(4);
        DtlsCertificate cert = DtlsCertificate.generate();
        List<SfuParticipantClient> clients = new ArrayList<>();
        try (SfuEngine engine = new SfuEngine(SfuOptions.defaults(ice))) {
            SignalingServer server = new SignalingServer(engine, SignalingOptions.defaults()
                    .withRoomPolicy(room -> new RoomSettings(RoomMode.SFU, receivers + 1)));
            server.start("127.0.0.1", 0);
            URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/ws");
            List<ClientDataChannels.Channel> inbound = new ArrayList<>();
            for (int i = 0; i < receivers; i++) {
                SfuParticipantClient c = new SfuParticipantClient(uri, "dbench", "rx" + i, false, cert, handshakes);
                clients.add(c);
                ClientDataChannels d = c.dataChannels();
                c.connected().get(60, TimeUnit.SECONDS);
                inbound.add(d.open("bench", ChannelOptions.RELIABLE).get(60, TimeUnit.SECONDS));
            }
            SfuParticipantClient tx = new SfuParticipantClient(uri, "dbench", "tx", false, cert, handshakes);
            clients.add(tx);
            ClientDataChannels txData = tx.dataChannels();
            tx.connected().get(60, TimeUnit.SECONDS);
            ClientDataChannels.Channel out = txData.open("bench", ChannelOptions.RELIABLE).get(60, TimeUnit.SECONDS);

            Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
            AtomicLong delivered = new AtomicLong();
            AtomicLong notices = new AtomicLong();
            AtomicLong[] progress = new AtomicLong[receivers];
            List<Thread> readers = new ArrayList<>();
            for (int r = 0; r < receivers; r++) {
                ClientDataChannels.Channel ch = inbound.get(r);
                AtomicLong mine = progress[r] = new AtomicLong();
                Thread t = new Thread(() -> {
                    try {
                        for (int n = 0; n < messages; n++) {
                            ClientDataChannels.Message m = ch.received().poll(60, TimeUnit.SECONDS);
                            if (m == null || m.binary() == null) {
                                if (m != null) {
                                    notices.incrementAndGet();
                                    System.out.println("notice: " + m.notice());
                                }
                                mine.set(Long.MAX_VALUE);
                                return;
                            }
                            long sent = ByteBuffer.wrap(m.binary()).getLong();
                            synchronized (latency) {
                                latency.recordValue(Math.max(0, (m.receivedAtNanos() - sent) / 1000));
                            }
                            delivered.incrementAndGet();
                            mine.incrementAndGet();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "bench-reader");
                t.start();
                readers.add(t);
            }
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpu0 = ServerThreadsCpu.nanos(threads);
            long t0 = System.nanoTime();
            byte[] payload = new byte[size];
            for (int n = 0; n < messages; n++) {
                while (n - slowest(progress) > windowMessages) {
                    TimeUnit.MILLISECONDS.sleep(1);
                }
                ByteBuffer.wrap(payload).putLong(System.nanoTime());
                SendStatus s = out.send(payload.clone()).get(10, TimeUnit.SECONDS);
                if (s != SendStatus.OK) {
                    throw new IllegalStateException("send " + n + ": " + s);
                }
            }
            for (Thread t : readers) {
                t.join(TimeUnit.SECONDS.toMillis(120));
            }
            long t1 = System.nanoTime();
            long cpu1 = ServerThreadsCpu.nanos(threads);
            double secs = (t1 - t0) / 1e9;
            long got = delivered.get();
            System.out.printf("receivers=%d messageBytes=%d messages=%d window=%d seconds=%.2f%n", receivers, size,
                    messages, window, secs);
            System.out.printf("delivered %d of %d (%.1f %%), server notices %d%n", got, (long) messages * receivers,
                    100.0 * got / ((long) messages * receivers), notices.get());
            System.out.printf("sent messages/s = %.0f; delivered messages/s (all receivers) = %.0f; delivered MB/s = %.2f%n",
                    messages / secs, got / secs, got * (double) size / secs / 1e6);
            System.out.printf("server thread CPU = %.1f%% of one core, %.1f us per delivered message%n",
                    (cpu1 - cpu0) / 1e7 / secs, (cpu1 - cpu0) / 1e3 / Math.max(1, got));
            System.out.printf("latency us p50=%d p99=%d max=%d%n", latency.getValueAtPercentile(50),
                    latency.getValueAtPercentile(99), latency.getMaxValue());
            server.close();
        } finally {
            clients.forEach(SfuParticipantClient::close);
            handshakes.shutdownNow();
        }
    }

    private static long slowest(AtomicLong[] progress) {
        long min = Long.MAX_VALUE;
        for (AtomicLong p : progress) {
            min = Math.min(min, p.get());
        }
        return min;
    }

}
