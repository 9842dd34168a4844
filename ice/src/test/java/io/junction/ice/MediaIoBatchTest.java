package io.junction.ice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Batched receive and send on the media port with both UDP backends (java.nio and netty's native epoll),
 * over loopback: bursts larger than one receive batch, sends in bursts that are not a multiple of the
 * flush batch, concurrent senders, and (epoll) a full send queue handing the overflow to the calling thread.
 */
class MediaIoBatchTest {
    private final AtomicLong now = new AtomicLong(1_000_000);

    private IcePort port(MediaIoBackend backend) {
        if (backend == MediaIoBackend.EPOLL) {
            Assumptions.assumeTrue(EpollUdp.available(), "native epoll: " + EpollUdp.unavailabilityCause());
        }
        return new IcePort(IceConfig.builder().bindAddress("127.0.0.1").port(0).announcedAddresses(List.of("127.0.0.1"))
                .mediaIo(backend).consentTimeout(Duration.ofSeconds(30)).build(), now::get);
    }

    private static DatagramChannel peer() throws Exception {
        DatagramChannel ch = DatagramChannel.open();
        ch.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
        ch.bind(new InetSocketAddress("127.0.0.1", 0));
        ch.socket().setSoTimeout(5000);
        return ch;
    }

    private static byte[] receive(DatagramChannel ch) throws Exception {
        java.net.DatagramPacket p = new java.net.DatagramPacket(new byte[4096], 4096);
        ch.socket().receive(p);
        return java.util.Arrays.copyOf(p.getData(), p.getLength());
    }

    /** A connected session whose media path is {@code a}. */
    private static IceTransport connected(IcePort port, DatagramChannel a, RecordingListener l) throws Exception {
        IceTransport t = port.createServerTransport(l);
        t.localCredentials();
        t.setRemoteCredentials(new IceCredentials("cli1", "clientpasswordclientpass"));
        t.start();
        a.send(ByteBuffer.wrap(Checks.encode(Checks.Spec.valid(t.localCredentials(), "cli1").nominating())),
                new InetSocketAddress("127.0.0.1", port.localPort()));
        receive(a); // the success response
        l.connected.get(5, TimeUnit.SECONDS);
        return t;
    }

    /** An RTP-looking datagram (RFC 7983: first byte 128..191) of {@code size} bytes numbered {@code n}. */
    private static byte[] rtp(int n, int size) {
        byte[] d = new byte[size];
        d[0] = (byte) 0x80;
        d[1] = 96;
        d[2] = (byte) (n >>> 8);
        d[3] = (byte) n;
        for (int i = 4; i < size; i++) {
            d[i] = (byte) (n * 31 + i);
        }
        return d;
    }

    @ParameterizedTest
    @EnumSource(value = MediaIoBackend.class, names = {"NIO", "EPOLL"})
    void theBackendThatRunsIsTheOneAskedFor(MediaIoBackend backend) {
        try (IcePort port = port(backend)) {
            assertEquals(backend, port.mediaIo());
        }
    }

    @ParameterizedTest
    @EnumSource(value = MediaIoBackend.class, names = {"NIO", "EPOLL"})
    void aBurstLongerThanOneReceiveBatchArrivesWholeAndInOrder(MediaIoBackend backend) throws Exception {
        try (IcePort port = port(backend); DatagramChannel a = peer()) {
            RecordingListener l = new RecordingListener();
            connected(port, a, l);
            InetSocketAddress to = new InetSocketAddress("127.0.0.1", port.localPort());
            int n = EpollUdp.RECEIVE_BATCH * 10 + 3;
            for (int i = 0; i < n; i++) {
                a.send(ByteBuffer.wrap(rtp(i, 100 + (i % 7) * 170)), to);
            }
            for (int i = 0; i < n; i++) {
                byte[] got = l.data.poll(5, TimeUnit.SECONDS);
                assertNotNull(got, "datagram " + i);
                assertArrayEquals(rtp(i, 100 + (i % 7) * 170), got, "datagram " + i);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = MediaIoBackend.class, names = {"NIO", "EPOLL"})
    void burstsThatAreNoMultipleOfTheFlushBatchAreSentWhole(MediaIoBackend backend) throws Exception {
        try (IcePort port = port(backend); DatagramChannel a = peer()) {
            IceTransport t = connected(port, a, new RecordingListener());
            int k = 0;
            int total = 0;
            for (int burst : new int[] {1, EpollUdpSocket.FLUSH_EVERY - 1, EpollUdpSocket.FLUSH_EVERY,
                    EpollUdpSocket.FLUSH_EVERY + 1, 3 * EpollUdpSocket.FLUSH_EVERY + 5}) {
                int first = k;
                for (int i = 0; i < burst; i++, k++) {
                    byte[] d = rtp(k, 1200);
                    t.send(d, 0, d.length);
                }
                for (int i = first; i < k; i++) {
                    assertArrayEquals(rtp(i, 1200), receive(a), "datagram " + i + " of a burst of " + burst);
                }
                total += burst;
            }
            assertEquals(total, t.stats().sent());
            assertEquals(0, port.socketSendErrors());
        }
    }

    @ParameterizedTest
    @EnumSource(value = MediaIoBackend.class, names = {"NIO", "EPOLL"})
    void concurrentSendersLoseNothingAndEverySendIsCounted(MediaIoBackend backend) throws Exception {
        try (IcePort port = port(backend); DatagramChannel a = peer()) {
            IceTransport t = connected(port, a, new RecordingListener());
            int threads = 3;
            int each = 300;
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> senders = new ArrayList<>();
            for (int s = 0; s < threads; s++) {
                int base = s * each;
                Thread th = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < each; i++) {
                        byte[] d = rtp(base + i, 200);
                        t.send(d, 0, d.length);
                    }
                });
                th.start();
                senders.add(th);
            }
            go.countDown();
            for (Thread th : senders) {
                th.join(10_000);
            }
            boolean[] seen = new boolean[threads * each];
            int[] lastOfSender = new int[threads];
            java.util.Arrays.fill(lastOfSender, -1);
            for (int i = 0; i < threads * each; i++) {
                byte[] got = receive(a);
                int n = ((got[2] & 0xff) << 8) | (got[3] & 0xff);
                assertArrayEquals(rtp(n, 200), got);
                seen[n] = true;
                int s = n / each;
                assertTrue(n > lastOfSender[s], "one sender's datagrams keep their order");
                lastOfSender[s] = n;
            }
            for (boolean b : seen) {
                assertTrue(b);
            }
            assertEquals((long) threads * each, t.stats().sent());
            assertEquals(0, t.stats().sendErrors());
        }
    }

    @Test
    void aFullSendQueueSendsOnTheCallingThreadLosesNothingAndCountsIt() throws Exception {
        Assumptions.assumeTrue(EpollUdp.available(), "native epoll: " + EpollUdp.unavailabilityCause());
        int capacity = 64;
        try (EpollUdp udp = EpollUdp.bind(null, List.of(new BindPlan.Bind(InetAddress.getByName("127.0.0.1"), false)),
                0, 0, 1, capacity, false); DatagramChannel a = peer()) {
            EpollUdpSocket s = udp.sockets().get(0);
            CountDownLatch hold = new CountDownLatch(1);
            CountDownLatch held = new CountDownLatch(1);
            s.channel().eventLoop().execute(() -> {
                held.countDown();
                try {
                    hold.await(10, TimeUnit.SECONDS); // the I/O thread is busy: nothing is drained
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertTrue(held.await(5, TimeUnit.SECONDS));
            InetSocketAddress to = (InetSocketAddress) a.getLocalAddress();
            int extra = 10;
            for (int i = 0; i < capacity + extra; i++) {
                byte[] d = rtp(i, 300);
                assertTrue(s.send(d, 0, d.length, to), "send " + i);
            }
            assertEquals(extra, s.sentOnCaller());
            assertEquals(0, s.sendErrors());
            assertEquals(0, s.callerBufferFull());
            // the overflow left at once, from this thread, while the I/O thread was still held
            for (int i = capacity; i < capacity + extra; i++) {
                assertArrayEquals(rtp(i, 300), receive(a), "sent on the caller " + i);
            }
            hold.countDown();
            for (int i = 0; i < capacity; i++) {
                assertArrayEquals(rtp(i, 300), receive(a), "queued datagram " + i);
            }
            assertTrue(s.flushes() >= capacity / EpollUdpSocket.FLUSH_EVERY, "flushed in batches: " + s.flushes());
            assertTrue(s.flushes() <= capacity / EpollUdpSocket.FLUSH_EVERY + 1, "flushed in batches: " + s.flushes());
            byte[] d = rtp(999, 300);
            assertTrue(s.send(d, 0, d.length, to));
            assertArrayEquals(d, receive(a));
            assertEquals(extra, s.sentOnCaller(), "the queue takes sends again");
        }
    }

    @Test
    void aSendOnTheCallingThreadAfterCloseIsCountedNotThrown() throws Exception {
        Assumptions.assumeTrue(EpollUdp.available(), "native epoll: " + EpollUdp.unavailabilityCause());
        EpollUdp udp = EpollUdp.bind(null, List.of(new BindPlan.Bind(InetAddress.getByName("127.0.0.1"), false)),
                0, 0, 1, 4, false);
        EpollUdpSocket s = udp.sockets().get(0);
        InetSocketAddress to = new InetSocketAddress("127.0.0.1", 9);
        udp.close();
        byte[] d = rtp(1, 100);
        assertFalse(s.send(d, 0, d.length, to));
        assertEquals(1, s.sendErrors());
        assertEquals(0, s.sentOnCaller());
    }

    @Test
    void aGsoBatchArrivesAsSeparateDatagramsInOrderPerDestination() throws Exception {
        Assumptions.assumeTrue(EpollUdp.available(), "native epoll: " + EpollUdp.unavailabilityCause());
        Assumptions.assumeTrue(io.netty.channel.epoll.SegmentedDatagramPacket.isSupported(), "no UDP_SEGMENT here");
        try (EpollUdp udp = EpollUdp.bind(null, List.of(new BindPlan.Bind(InetAddress.getByName("127.0.0.1"), false)),
                0, 0, 1, 1024, true); DatagramChannel a = peer(); DatagramChannel b = peer()) {
            EpollUdpSocket s = udp.sockets().get(0);
            CountDownLatch hold = new CountDownLatch(1);
            CountDownLatch held = new CountDownLatch(1);
            s.channel().eventLoop().execute(() -> {
                held.countDown();
                try {
                    hold.await(10, TimeUnit.SECONDS); // everything below is drained as one batch
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertTrue(held.await(5, TimeUnit.SECONDS));
            InetSocketAddress toA = (InetSocketAddress) a.getLocalAddress();
            InetSocketAddress toB = (InetSocketAddress) b.getLocalAddress();
            // a fan-out pattern: a keyframe burst of 1200-byte packets to both, the last of each shorter
            for (int i = 0; i < 20; i++) {
                int size = i == 19 ? 700 : 1200;
                assertTrue(s.send(rtp(i, size), 0, size, toA));
                assertTrue(s.send(rtp(100 + i, size), 0, size, toB));
            }
            byte[] odd = rtp(500, 300); // one more to a after its short one: its own send
            assertTrue(s.send(odd, 0, odd.length, toA));
            hold.countDown();
            for (int i = 0; i < 20; i++) {
                int size = i == 19 ? 700 : 1200;
                assertArrayEquals(rtp(i, size), receive(a), "to a, datagram " + i);
                assertArrayEquals(rtp(100 + i, size), receive(b), "to b, datagram " + i);
            }
            assertArrayEquals(odd, receive(a));
            assertEquals(2, s.gsoSends(), "one GSO send per destination");
            assertEquals(40, s.gsoDatagrams());
            assertEquals(0, s.sendErrors());
        }
    }

    @Test
    void severalReceiveSocketsShareThePortAndEachRemoteAddressSticksToOne() throws Exception {
        Assumptions.assumeTrue(EpollUdp.available(), "native epoll: " + EpollUdp.unavailabilityCause());
        try (IcePort port = new IcePort(IceConfig.builder().bindAddress("127.0.0.1").port(0)
                .announcedAddresses(List.of("127.0.0.1")).mediaIo(MediaIoBackend.EPOLL).ioThreads(3).build(), now::get);
             DatagramChannel a = peer()) {
            assertEquals(3, port.sockets().size());
            assertEquals(1, port.boundAddresses().size());
            RecordingListener l = new RecordingListener();
            IceTransport t = connected(port, a, l);
            InetSocketAddress to = new InetSocketAddress("127.0.0.1", port.localPort());
            for (int i = 0; i < 50; i++) {
                a.send(ByteBuffer.wrap(rtp(i, 200)), to);
            }
            for (int i = 0; i < 50; i++) {
                assertArrayEquals(rtp(i, 200), l.data.poll(5, TimeUnit.SECONDS), "datagram " + i);
            }
            byte[] d = rtp(7, 200);
            t.send(d, 0, d.length);
            assertArrayEquals(d, receive(a));
        }
    }
}
