package io.junction.ice;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayDeque;

/**
 * The client's UDP socket as ice4j sees it: ice4j's STUN thread reads STUN datagrams through
 * {@link #receive}, everything else is pushed by the shared {@link ClientIo} reader straight to the
 * transport. Sends go to the non-blocking channel.
 */
final class ClientSocket extends java.net.DatagramSocket {
    private static final int STUN_QUEUE = 64;

    private final DatagramChannel channel;
    private final InetSocketAddress local;
    private final ClientIo io;
    private final ArrayDeque<Object[]> stun = new ArrayDeque<>();
    private volatile AgentTransport transport;
    private boolean closed;

    ClientSocket(DatagramChannel channel, ClientIo io) throws IOException {
        super((SocketAddress) null);
        this.channel = channel;
        this.io = io;
        this.local = (InetSocketAddress) channel.getLocalAddress();
    }

    DatagramChannel channel() {
        return channel;
    }

    void attach(AgentTransport t) {
        this.transport = t;
        io.register(this);
    }

    /** On the reader thread. RFC 7983 §7: first byte 0..3 is STUN. */
    void onDatagram(byte[] buf, int len, InetSocketAddress from) {
        if (len > 0 && (buf[0] & 0xFF) <= 3) {
            byte[] copy = new byte[len];
            System.arraycopy(buf, 0, copy, 0, len);
            synchronized (stun) {
                if (stun.size() >= STUN_QUEUE) {
                    stun.poll();
                }
                stun.add(new Object[] {copy, from});
                stun.notifyAll();
            }
            return;
        }
        AgentTransport t = transport;
        if (t != null) {
            t.deliver(buf, 0, len, from);
        }
    }

    @Override
    public void receive(DatagramPacket p) throws IOException {
        Object[] e;
        synchronized (stun) {
            while ((e = stun.poll()) == null) {
                if (closed) {
                    throw new SocketException("Socket closed");
                }
                try {
                    stun.wait();
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new SocketException("interrupted");
                }
            }
        }
        byte[] data = (byte[]) e[0];
        int n = Math.min(data.length, p.getData().length - p.getOffset());
        System.arraycopy(data, 0, p.getData(), p.getOffset(), n);
        p.setLength(n);
        p.setSocketAddress((SocketAddress) e[1]);
    }

    @Override
    public void send(DatagramPacket p) throws IOException {
        channel.send(ByteBuffer.wrap(p.getData(), p.getOffset(), p.getLength()), p.getSocketAddress());
    }

    @Override
    public InetAddress getLocalAddress() {
        return local.getAddress();
    }

    @Override
    public int getLocalPort() {
        return local.getPort();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return local;
    }

    @Override
    public boolean isClosed() {
        synchronized (stun) {
            return closed;
        }
    }

    @Override
    public void close() {
        synchronized (stun) {
            if (closed) {
                return;
            }
            closed = true;
            stun.clear();
            stun.notifyAll();
        }
        try {
            channel.close();
        } catch (IOException e) {
            // nothing more to release
        }
        super.close();
        io.wakeup();
        ClientIo.release(io);
    }
}
