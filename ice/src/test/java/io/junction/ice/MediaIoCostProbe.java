package io.junction.ice;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not a test: a probe of the media port's send cost per datagram on each UDP backend, over loopback, for
 * bench/RESULTS.md. One thread (as a room worker does) sends each "incoming packet" to {@code sessions}
 * connected ICE-lite sessions ({@code burst} same-size packets per destination in a row, as a keyframe or
 * RTX burst does); a separate reader thread drains the peers. Reported: CPU time of the sending thread plus
 * the media port's I/O threads per datagram sent (the reader's CPU is not counted), and datagrams received.
 *
 * <pre>
 * java -cp "$(cat ice/target/cp.txt):ice/target/classes:ice/target/test-classes" io.junction.ice.MediaIoCostProbe \
 *   epoll|nio SESSIONS BURST SECONDS RATE [gso=true|false]
 * </pre>
 */
final class MediaIoCostProbe {
    private MediaIoCostProbe() {
    }

    public static void main(String[] args) throws Exception {
        MediaIoBackend backend = MediaIoBackend.parse("backend", args[0]);
        int sessions = Integer.parseInt(args[1]);
        int burst = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        long rate = Long.parseLong(args[4]);
        if (args.length > 5) {
            System.setProperty(EpollUdp.GSO_PROPERTY, args[5].replace("gso=", ""));
        }
        IcePort port = new IcePort(IceConfig.builder().bindAddress("127.0.0.1").port(0)
                .announcedAddresses(List.of("127.0.0.1")).tcp(false).maxHalfOpenPerAddress(1000).mediaIo(backend).build());
        List<DatagramChannel> peers = new ArrayList<>();
        List<IceTransport> ts = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            DatagramChannel a = DatagramChannel.open();
            a.setOption(StandardSocketOptions.SO_RCVBUF, 8 << 20);
            a.bind(new InetSocketAddress("127.0.0.1", 0));
            a.socket().setSoTimeout(5000);
            RecordingListener l = new RecordingListener();
            IceTransport t = port.createServerTransport(l);
            t.localCredentials();
            t.setRemoteCredentials(new IceCredentials("cli" + i, "clientpasswordclientpass"));
            t.start();
            a.send(ByteBuffer.wrap(Checks.encode(Checks.Spec.valid(t.localCredentials(), "cli" + i).nominating())),
                    new InetSocketAddress("127.0.0.1", port.localPort()));
            a.socket().receive(new java.net.DatagramPacket(new byte[2048], 2048));
            l.connected.get();
            a.configureBlocking(false);
            peers.add(a);
            ts.add(t);
        }
        AtomicLong received = new AtomicLong();
        Selector sel = Selector.open();
        for (DatagramChannel a : peers) {
            a.register(sel, SelectionKey.OP_READ);
        }
        Thread reader = new Thread(() -> {
            ByteBuffer b = ByteBuffer.allocateDirect(4096);
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    sel.select(100);
                    for (SelectionKey k : sel.selectedKeys()) {
                        DatagramChannel ch = (DatagramChannel) k.channel();
                        while (true) {
                            b.clear();
                            if (ch.receive(b) == null) {
                                break;
                            }
                            received.incrementAndGet();
                        }
                    }
                    sel.selectedKeys().clear();
                }
            } catch (Exception e) {
                // closed
            }
        }, "probe-reader");
        reader.setDaemon(true);
        reader.start();

        byte[] pkt = new byte[1200];
        pkt[0] = (byte) 0x80;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long ioBefore = ioCpu(mx);
        long meBefore = mx.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        long sent = 0;
        long perRound = (long) ts.size() * burst;
        while (System.nanoTime() < end) {
            // paced at `rate` datagrams/s, so neither backend refuses or drops: the CPU per datagram compares
            long due = start + sent * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            for (IceTransport t : ts) {
                for (int b = 0; b < burst; b++) {
                    t.send(pkt, 0, pkt.length);
                }
            }
            sent += perRound;
        }
        long me = mx.getCurrentThreadCpuTime() - meBefore;
        Thread.sleep(500);
        long io = ioCpu(mx) - ioBefore;
        long accepted = 0;
        for (IceTransport t : ts) {
            accepted += t.stats().sent();
        }
        System.out.printf("%s gso=%s sessions=%d burst=%d rate=%d/s: sent %d (accepted %d, refused %d), received %d; "
                        + "CPU sender %.3f s + I/O %.3f s = %.3f us per accepted datagram%n", port.mediaIo(),
                backend == MediaIoBackend.EPOLL ? EpollUdp.gsoWanted() : "-", sessions, burst, rate, sent, accepted,
                port.socketSendErrors(), received.get(), me / 1e9, io / 1e9, (me + io) / 1e3 / accepted);
        reader.interrupt();
        port.close();
    }

    private static long ioCpu(ThreadMXBean mx) {
        long sum = 0;
        for (long id : mx.getAllThreadIds()) {
            java.lang.management.ThreadInfo i = mx.getThreadInfo(id);
            if (i != null && i.getThreadName().startsWith("junction-media-")) {
                sum += Math.max(0, mx.getThreadCpuTime(id));
            }
        }
        return sum;
    }
}
