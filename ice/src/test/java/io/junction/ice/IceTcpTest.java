package io.junction.ice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.ice4j.message.Message;
import org.junit.jupiter.api.Test;

/** Passive ICE-TCP (RFC 6544, RFC 4571 framing) at the media port, with hostile peers cut off. */
class IceTcpTest {
    private final AtomicLong now = new AtomicLong(5_000_000);

    private IcePort port(int perAddress) {
        return new IcePort(IceConfig.builder().bindAddress("127.0.0.1").port(0).announcedAddresses(List.of("127.0.0.1"))
                .tcpMaxConnectionsPerAddress(perAddress).tcpIdleTimeout(Duration.ofSeconds(10)).build(), now::get);
    }

    private static Socket connect(IcePort port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port.tcpPort()), 5000);
        s.setSoTimeout(5000);
        s.setTcpNoDelay(true);
        return s;
    }

    private static void sendFrame(Socket s, byte[] payload) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(new byte[] {(byte) (payload.length >>> 8), (byte) payload.length});
        out.write(payload);
        out.flush();
    }

    private static byte[] readFrame(Socket s) throws IOException {
        DataInputStream in = new DataInputStream(s.getInputStream());
        int len = in.readUnsignedShort();
        byte[] b = new byte[len];
        in.readFully(b);
        return b;
    }

    /** True when the server closed the connection (end of stream or reset) within the socket timeout. */
    private static boolean closedByServer(Socket s) {
        try {
            return s.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    @Test
    void rfc4571FramesAreFoundOnlyWhenCompleteAndTooLongOnesAreRefusedFromTheHeader() {
        byte[] b = {0, 3, 9, 9, 9, 0, 1};
        assertEquals(Rfc4571.NEED_MORE, Rfc4571.next(b, 1, 100));
        assertEquals(Rfc4571.NEED_MORE, Rfc4571.next(b, 4, 100));
        assertEquals(3, Rfc4571.next(b, 5, 100));
        assertEquals(0, Rfc4571.next(new byte[] {0, 0}, 2, 100));
        assertEquals(Rfc4571.TOO_LONG, Rfc4571.next(new byte[] {(byte) 0xFF, (byte) 0xFF}, 2, 8192));
        assertEquals(Rfc4571.TOO_LONG, Rfc4571.next(new byte[] {0, 101}, 2, 100));
    }

    @Test
    void aCheckOverTcpIsAnsweredAndMediaFlowsFramedBothWays() throws Exception {
        try (IcePort port = port(16); Socket s = connect(port)) {
            assertTrue(port.tcpPort() > 0);
            Candidate tcp = port.candidates().stream().filter(c -> c.transport().equals("tcp")).findFirst().orElseThrow();
            assertEquals("passive", tcp.extensions().get("tcptype"));
            assertTrue(tcp.priority() < port.candidates().get(0).priority(), "TCP below UDP");
            RecordingListener l = new RecordingListener();
            IceTransport t = port.createServerTransport(l);
            t.setRemoteCredentials(new IceCredentials("cli1", "clientpasswordclientpass"));
            sendFrame(s, Checks.encode(Checks.Spec.valid(t.localCredentials(), "cli1").nominating()));
            byte[] reply = readFrame(s);
            assertEquals(Message.BINDING_SUCCESS_RESPONSE, Message.decode(reply, 0, reply.length).getMessageType());
            t.start();
            l.connected.get(5, TimeUnit.SECONDS);
            byte[] dtls = {22, (byte) 0xfe, (byte) 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
            sendFrame(s, dtls);
            assertArrayEquals(dtls, l.data.poll(5, TimeUnit.SECONDS));
            byte[] media = {(byte) 0x80, 96, 0, 7, 1, 2, 3};
            t.send(media, 0, media.length);
            assertArrayEquals(media, readFrame(s));
            t.close();
        }
    }

    @Test
    void aFrameLengthOf65535GarbageAndSilenceAreCutOffWithoutAffectingOthers() throws Exception {
        try (IcePort port = port(16); Socket good = connect(port); Socket huge = connect(port);
             Socket garbage = connect(port); Socket silent = connect(port)) {
            RecordingListener l = new RecordingListener();
            IceTransport t = port.createServerTransport(l);
            t.setRemoteCredentials(new IceCredentials("cli1", "clientpasswordclientpass"));
            sendFrame(good, Checks.encode(Checks.Spec.valid(t.localCredentials(), "cli1").nominating()));
            readFrame(good);
            t.start();
            l.connected.get(5, TimeUnit.SECONDS);

            huge.getOutputStream().write(new byte[] {(byte) 0xFF, (byte) 0xFF, 1, 2, 3}); // 65535-byte frame announced
            huge.getOutputStream().flush();
            assertTrue(closedByServer(huge), "a frame longer than allowed cuts the connection");
            sendFrame(garbage, new byte[] {100, 1, 2, 3, 4}); // not STUN/DTLS/RTP, before any check
            assertTrue(closedByServer(garbage), "garbage before a valid check cuts the connection");
            assertEquals(1, port.tcpCuts(IceTcp.Cut.TOO_LONG));
            assertEquals(1, port.tcpCuts(IceTcp.Cut.NOT_A_CHECK));
            assertEquals(1, port.drops(PortDrop.MALFORMED_TCP_FRAME));

            now.addAndGet(10_001); // the silent one never sent a check; the good one checked at the start
            port.sweepNow();
            assertTrue(closedByServer(silent), "silence is cut off after the idle timeout");
            assertEquals(1, port.tcpCuts(IceTcp.Cut.IDLE));

            byte[] media = {(byte) 0x80, 96, 0, 8};
            t.send(media, 0, media.length);
            assertArrayEquals(media, readFrame(good), "the session on the good connection is unaffected");
            assertEquals(1, port.tcpConnections());
            assertEquals(IceTransport.State.CONNECTED, t.state());
        }
    }

    @Test
    void connectionsPerRemoteAddressAreBounded() throws Exception {
        try (IcePort port = port(2); Socket a = connect(port); Socket b = connect(port); Socket c = connect(port)) {
            assertTrue(closedByServer(c), "the third connection from 127.0.0.1 is refused");
            assertEquals(1, port.tcpCuts(IceTcp.Cut.TOO_MANY));
            assertEquals(2, port.tcpConnections());
        }
    }
}
