package io.junction.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The physical ceiling of this machine for the server's work: 1200-byte UDP datagrams sent and
 * received on loopback with no crypto and no parsing, one sender and one receiver thread in this
 * process. Divides by the CPU the process used (from /proc) to give datagrams per core-second.
 */
public final class UdpCeiling {
    private UdpCeiling() {
    }

    /** What the blast measured. */
    public record Result(double seconds, long sent, long received, double cpuCores,
                         double sentPerSecond, double receivedPerSecond, double receivedPerCoreSecond) {
    }

    public static Result run(Duration duration) throws IOException, InterruptedException {
        try (DatagramChannel rx = DatagramChannel.open(); DatagramChannel tx = DatagramChannel.open()) {
            rx.bind(new InetSocketAddress("127.0.0.1", 0));
            tx.bind(new InetSocketAddress("127.0.0.1", 0));
            tx.connect(rx.getLocalAddress());
            AtomicLong received = new AtomicLong();
            AtomicLong sent = new AtomicLong();
            long pid = ProcessHandle.current().pid();
            ProcStats.Sample s0 = ProcStats.read(pid);
            long t0 = System.nanoTime();
            long end = t0 + duration.toNanos();
            Thread reader = new Thread(() -> {
                ByteBuffer b = ByteBuffer.allocateDirect(2048);
                try {
                    while (true) {
                        b.clear();
                        rx.receive(b);
                        received.incrementAndGet();
                    }
                } catch (IOException closed) {
                    // the channel closed: done
                }
            }, "udp-ceiling-rx");
            reader.setDaemon(true);
            reader.start();
            ByteBuffer out = ByteBuffer.allocateDirect(1200);
            long n = 0;
            while ((n & 1023) != 0 || System.nanoTime() < end) {
                out.clear();
                tx.write(out);
                n++;
            }
            sent.set(n);
            double secs = (System.nanoTime() - t0) / 1e9;
            long got = received.get();
            ProcStats.Sample s1 = ProcStats.read(pid);
            rx.close();
            reader.join(2000);
            double cores = s0 == null || s1 == null ? Double.NaN : (s1.cpuNanos() - s0.cpuNanos()) / 1e9 / secs;
            return new Result(secs, sent.get(), got, cores, sent.get() / secs, got / secs, got / secs / cores);
        }
    }
}
