package io.junction.ice;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import org.ice4j.socket.IceSocketWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket ice4j's STUN stack reads from, with {@link StunFraming} in front: a datagram that fails the
 * check is counted and skipped, so ice4j's decoder never sees it. Everything else delegates.
 */
final class StunCheckedSocket extends IceSocketWrapper {
    private static final Logger LOG = LoggerFactory.getLogger(StunCheckedSocket.class);

    private final IceSocketWrapper delegate;
    private final StunGuardCounter counter;

    StunCheckedSocket(IceSocketWrapper delegate, StunGuardCounter counter) {
        this.delegate = delegate;
        this.counter = counter;
    }

    @Override
    public void receive(DatagramPacket p) throws IOException {
        byte[] data = p.getData();
        int off = p.getOffset();
        int capacity = p.getLength();
        while (true) {
            delegate.receive(p);
            StunFraming.Verdict v = StunFraming.check(p.getData(), p.getOffset(), p.getLength());
            if (v == StunFraming.Verdict.VALID) {
                return;
            }
            counter.malformed();
            if (LOG.isDebugEnabled()) {
                LOG.debug("dropped malformed STUN ({}, {} bytes) from {}", v, p.getLength(), p.getSocketAddress());
            }
            p.setData(data, off, capacity);
        }
    }

    @Override
    public void send(DatagramPacket p) throws IOException {
        delegate.send(p);
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public InetAddress getLocalAddress() {
        return delegate.getLocalAddress();
    }

    @Override
    public int getLocalPort() {
        return delegate.getLocalPort();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return delegate.getLocalSocketAddress();
    }

    @Override
    public Socket getTCPSocket() {
        return delegate.getTCPSocket();
    }

    @Override
    public DatagramSocket getUDPSocket() {
        return delegate.getUDPSocket();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
