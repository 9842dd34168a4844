package io.junction.ice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import org.ice4j.socket.IceSocketWrapper;
import org.junit.jupiter.api.Test;

/** The wrapper ice4j's STUN reader reads through: malformed datagrams are skipped, the packet buffer is reused intact. */
class StunCheckedSocketTest {
    private static final InetSocketAddress FROM = new InetSocketAddress("127.0.0.1", 5000);

    @Test
    void skipsMalformedAndReturnsTheNextWellFramedMessageWithItsFullLength() throws Exception {
        byte[] shortBad = Arrays.copyOf(StunVectorsTest.REQUEST, 30); // truncated
        byte[] good = StunVectorsTest.REQUEST;
        Scripted delegate = new Scripted(List.of(shortBad, StunFramingTest.corpus("error-code-shorter-than-4"), good));
        StunGuardCounter counter = new StunGuardCounter();
        StunCheckedSocket s = new StunCheckedSocket(delegate, counter);
        byte[] buf = new byte[1500];
        DatagramPacket p = new DatagramPacket(buf, 0, buf.length);
        s.receive(p);
        assertEquals(2, counter.count());
        assertEquals(good.length, p.getLength());
        assertArrayEquals(good, Arrays.copyOfRange(p.getData(), p.getOffset(), p.getOffset() + p.getLength()));
        assertEquals(List.of(1500, 1500, 1500), delegate.capacities); // each read offered the whole buffer
    }

    /** Hands out scripted datagrams, recording the capacity each receive was given. */
    private static final class Scripted extends IceSocketWrapper {
        final ArrayDeque<byte[]> script;
        final List<Integer> capacities = new java.util.ArrayList<>();

        Scripted(List<byte[]> script) {
            this.script = new ArrayDeque<>(script);
        }

        @Override
        public void receive(DatagramPacket p) {
            capacities.add(p.getLength());
            byte[] d = script.remove();
            System.arraycopy(d, 0, p.getData(), p.getOffset(), d.length);
            p.setLength(d.length);
            p.setSocketAddress(FROM);
        }

        @Override
        public void send(DatagramPacket p) {
        }

        @Override
        public void close() {
        }

        @Override
        public InetAddress getLocalAddress() {
            return FROM.getAddress();
        }

        @Override
        public int getLocalPort() {
            return 1;
        }

        @Override
        public SocketAddress getLocalSocketAddress() {
            return FROM;
        }

        @Override
        public Socket getTCPSocket() {
            return null;
        }

        @Override
        public DatagramSocket getUDPSocket() {
            return null;
        }
    }
}
