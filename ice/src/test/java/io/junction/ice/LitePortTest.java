package io.junction.ice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.ice4j.message.Message;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The media port with ICE-lite sessions over loopback, driven by hand-made checks from plain UDP sockets
 * and an injected clock for consent and timeouts (no sleeps: the port's sweep is run on demand).
 */
class LitePortTest {
    private final AtomicLong now = new AtomicLong(1_000_000);

    private IcePort port(int maxHalfOpen) {
        return new IcePort(IceConfig.builder().bindAddress("127.0.0.1").port(0).announcedAddresses(List.of("127.0.0.1"))
                .maxHalfOpenPerAddress(maxHalfOpen).consentTimeout(Duration.ofSeconds(30))
                .connectTimeout(Duration.ofSeconds(10)).build(), now::get);
    }

    private static DatagramChannel peer(String address) throws Exception {
        DatagramChannel ch = DatagramChannel.open();
        ch.bind(new InetSocketAddress(address, 0));
        ch.socket().setSoTimeout(5000);
        return ch;
    }

    private static void send(DatagramChannel from, IcePort port, byte[] m) throws Exception {
        from.send(ByteBuffer.wrap(m), new InetSocketAddress("127.0.0.1", port.localPort()));
    }

    /** Receives one datagram (blocking, 5 s) or fails. */
    private static byte[] receive(DatagramChannel ch) throws Exception {
        java.net.DatagramPacket p = new java.net.DatagramPacket(new byte[2048], 2048);
        ch.socket().receive(p);
        return java.util.Arrays.copyOf(p.getData(), p.getLength());
    }

    /** The reply leaves before the session records the check (same I/O thread task): wait for it. */
    private static void awaitSelected(IceTransport t, java.net.SocketAddress expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!expected.equals(t.selectedRemoteAddress()) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(expected, t.selectedRemoteAddress());
    }

    private static IceTransport session(IcePort port, RecordingListener l) {
        IceTransport t = port.createServerTransport(l);
        t.localCredentials(); // as when the server's SDP is written: registers the ufrag
        t.setRemoteCredentials(new IceCredentials("cli1", "clientpasswordclientpass"));
        return t;
    }

    @Test
    void aNominatedCheckFromANewAddressMovesTheMediaPath() throws Exception {
        try (IcePort port = port(8); DatagramChannel a = peer("127.0.0.1"); DatagramChannel b = peer("127.0.0.1")) {
            RecordingListener l = new RecordingListener();
            IceTransport t = session(port, l);
            t.start();
            byte[] check = Checks.encode(Checks.Spec.valid(t.localCredentials(), "cli1").nominating());
            send(a, port, check);
            byte[] r = receive(a);
            Message reply = Message.decode(r, 0, r.length);
            assertEquals(Message.BINDING_SUCCESS_RESPONSE, reply.getMessageType());
            l.connected.get(5, TimeUnit.SECONDS);
            awaitSelected(t, a.getLocalAddress());

            // the client's NAT rebinds: its next nominated check comes from b
            send(b, port, Checks.encode(Checks.Spec.valid(t.localCredentials(), "cli1").nominating()));
            receive(b);
            awaitSelected(t, b.getLocalAddress());
            assertEquals(1, ((LiteTransport) t).pathChanges());
            byte[] media = {(byte) 0x80, 96, 0, 1};
            t.send(media, 0, media.length);
            assertArrayEquals(media, receive(b));
            // data from both validated addresses still reaches the session
            send(a, port, new byte[] {(byte) 0x80, 1});
            send(b, port, new byte[] {(byte) 0x80, 2});
            assertNotNull(l.data.poll(5, TimeUnit.SECONDS));
            assertNotNull(l.data.poll(5, TimeUnit.SECONDS));
            t.close();
            assertEquals(0, port.routedAddresses());
            assertEquals(0, port.liveTransports());
        }
    }


    @Test
    void consentExpiresThirtySecondsAfterTheLastValidCheck() throws Exception {
        try (IcePort port = port(8); DatagramChannel a = peer("127.0.0.1")) {
            RecordingListener l = new RecordingListener();
            IceTransport t = session(port, l);
            t.start();
            send(a, port, Checks.encode(Checks.Spec.valid(t.localCredentials(), "cli1").nominating()));
            receive(a);
            l.connected.get(5, TimeUnit.SECONDS);
            now.addAndGet(29_000);
            port.sweepNow();
            assertEquals(IceTransport.State.CONNECTED, t.state());
            send(a, port, Checks.encode(Checks.Spec.valid(t.localCredentials(), "cli1"))); // RFC 7675 consent check
            receive(a);
            now.addAndGet(29_000);
            port.sweepNow();
            assertEquals(IceTransport.State.CONNECTED, t.state(), "the consent check refreshed it");
            now.addAndGet(1_001);
            port.sweepNow();
            assertEquals(IceTransport.State.FAILED, t.state());
            assertTrue(l.failed.get(5, TimeUnit.SECONDS).contains("consent"), l.failed.get());
            assertEquals(0, port.liveTransports());
            assertEquals(0, port.routedAddresses());
        }
    }

    @Test
    void aStartedSessionWithoutAValidCheckFailsAtTheConnectTimeout() throws Exception {
        try (IcePort port = port(8)) {
            RecordingListener l = new RecordingListener();
            IceTransport t = session(port, l);
            t.start();
            now.addAndGet(9_999);
            port.sweepNow();
            assertFalse(l.failed.isDone());
            now.addAndGet(2);
            port.sweepNow();
            assertTrue(l.failed.get(5, TimeUnit.SECONDS).contains("timeout"));
        }
    }

    @Test
    void dtlsFromAValidatedAddressBeforeStartIsHeldAndDeliveredAtOnce() throws Exception {
        try (IcePort port = port(8); DatagramChannel a = peer("127.0.0.1")) {
            RecordingListener l = new RecordingListener();
            IceTransport t = session(port, l);
            // the client's answer is still on its way: checks and its first DTLS flight arrive first
            send(a, port, Checks.encode(Checks.Spec.valid(t.localCredentials(), "cli1").nominating()));
            receive(a);
            byte[] clientHello = {22, (byte) 0xfe, (byte) 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
            send(a, port, clientHello);
            port.sweepNow(); // the I/O thread has read the datagram by now (one thread, in order)
            assertNull(l.data.poll(), "nothing before start");
            t.start();
            l.connected.get(5, TimeUnit.SECONDS);
            assertArrayEquals(clientHello, l.data.poll(5, TimeUnit.SECONDS));
            assertEquals(0, t.stats().droppedEarly());
        }
    }

    @Test
    void halfOpenSessionsAreBoundedPerRemoteAddressAtThePortNotAtJoin() throws Exception {
        try (IcePort port = port(1); DatagramChannel a = peer("127.0.0.1"); DatagramChannel b = peer("127.0.0.1");
             DatagramChannel other = peer("127.0.0.2")) {
            IceTransport first = session(port, new RecordingListener());
            IceTransport second = session(port, new RecordingListener());
            IceTransport third = session(port, new RecordingListener());
            send(a, port, Checks.encode(Checks.Spec.valid(first.localCredentials(), "c1")));
            receive(a);
            assertEquals(1, port.halfOpenTransports());
            byte[] secondCheck = Checks.encode(Checks.Spec.valid(second.localCredentials(), "c2"));
            send(b, port, secondCheck); // same IP, other port: over the limit of 1, no reply
            IceGuardLoopbackTest.waitAtLeast(() -> port.drops(PortDrop.OVER_LIMIT), 1);
            // another remote address is not affected
            send(other, port, Checks.encode(Checks.Spec.valid(third.localCredentials(), "c3")));
            receive(other);
            first.established(); // its DTLS completed: the slot comes back
            send(b, port, secondCheck); // the peer's retransmission
            receive(b);
            assertEquals(2, port.halfOpenTransports(), "second (127.0.0.1) and third (127.0.0.2)");
            second.close();
            third.close();
            assertEquals(0, port.halfOpenTransports());
        }
    }

    @Test
    void unknownUfragUnknownAddressAndNonMuxedDatagramsAreCountedByReason() throws Exception {
        try (IcePort port = port(8); DatagramChannel a = peer("127.0.0.1")) {
            send(a, port, Checks.encode(Checks.Spec.valid(new IceCredentials("nobody", "abcdefghijklmnopqrstuvwx"), "c")));
            send(a, port, new byte[] {22, (byte) 0xfe, (byte) 0xfd, 0}); // DTLS from an address without a path
            send(a, port, new byte[] {(byte) 0x80, 96, 0, 1});           // RTP from it
            send(a, port, new byte[] {100, 1, 2});                       // RFC 7983: nothing we speak
            send(a, port, new byte[] {0, 1, 0});                         // truncated STUN
            port.sweepNow();
            IceGuardLoopbackTest.waitAtLeast(() -> port.drops(PortDrop.MALFORMED_STUN), 1);
            assertEquals(1, port.drops(PortDrop.UNKNOWN_UFRAG));
            assertEquals(2, port.drops(PortDrop.UNKNOWN_ADDRESS));
            assertEquals(1, port.drops(PortDrop.NOT_MUXED));
            assertEquals(0, port.routedAddresses());
        }
    }

    @Test
    void anIceRestartAnswersNewCredentialsAndKeepsTheOldOnesUntilANewCheckArrives() throws Exception {
        try (IcePort port = port(8); DatagramChannel a = peer("127.0.0.1"); DatagramChannel b = peer("127.0.0.1")) {
            RecordingListener l = new RecordingListener();
            IceTransport t = session(port, l);
            t.start();
            IceCredentials old = t.localCredentials();
            send(a, port, Checks.encode(Checks.Spec.valid(old, "cli1").nominating()));
            receive(a);
            l.connected.get(5, TimeUnit.SECONDS);
            IceCredentials fresh = t.restart(new IceCredentials("cli2", "clientpasswordclientpas2"));
            assertFalse(fresh.ufrag().equals(old.ufrag()));
            send(a, port, Checks.encode(Checks.Spec.valid(old, "cli1"))); // old session still answered meanwhile
            receive(a);
            send(b, port, Checks.encode(Checks.Spec.valid(fresh, "cli2").nominating()));
            receive(b);
            awaitSelected(t, b.getLocalAddress());
            long unknownBefore = port.drops(PortDrop.UNKNOWN_UFRAG);
            send(a, port, Checks.encode(Checks.Spec.valid(old, "cli1")));
            IceGuardLoopbackTest.waitAtLeast(() -> port.drops(PortDrop.UNKNOWN_UFRAG), unknownBefore + 1);
            assertEquals(IceTransport.State.CONNECTED, t.state());
        }
    }

    @Test
    void theSocketBuffersAreSizedAndTheGrantedSizeIsReadBack() throws Exception {
        long rmemMax = Long.parseLong(Files.readAllLines(Path.of("/proc/sys/net/core/rmem_max")).get(0).trim());
        Assumptions.assumeTrue(rmemMax >= 1 << 20, "net.core.rmem_max below 1 MiB: " + rmemMax);
        IceConfig cfg = IceConfig.builder().bindAddress("127.0.0.1").port(0).announcedAddresses(List.of("127.0.0.1"))
                .socketBufferBytes(1 << 20).build();
        try (IcePort port = new IcePort(cfg)) {
            UdpSocket s = port.sockets().get(0);
            if (s instanceof MediaSocket m) {
                DatagramChannel ch = m.channel();
                assertEquals(ch.getOption(StandardSocketOptions.SO_RCVBUF), port.grantedReceiveBuffer());
                assertEquals(ch.getOption(StandardSocketOptions.SO_SNDBUF), port.grantedSendBuffer());
            } else {
                io.netty.channel.Channel ch = ((EpollUdpSocket) s).channel();
                assertEquals(ch.config().getOption(io.netty.channel.ChannelOption.SO_RCVBUF), port.grantedReceiveBuffer());
                assertEquals(ch.config().getOption(io.netty.channel.ChannelOption.SO_SNDBUF), port.grantedSendBuffer());
            }
            assertTrue(port.grantedReceiveBuffer() >= 1 << 20, "granted " + port.grantedReceiveBuffer());
            assertTrue(port.grantedReceiveBuffer() > 212_992, "more than the usual kernel default");
            assertTrue(port.kernelDrops() >= 0, "the port's row is in /proc/net/udp");
        }
    }
}
