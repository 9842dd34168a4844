package io.junction.ice;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.LongAdder;

/**
 * One UDP socket of the media port, bound to one local address (see {@link BindPlan}); replies and media
 * to a peer leave from the socket its check arrived on, so they carry the address the peer sent to.
 * {@link #send} may be called from any thread (the channel serialises writers).
 *
 * <p>Sends leave from a direct buffer of the sending thread ({@link SendBuffers}): handed a heap buffer,
 * the JDK would fetch a temporary direct buffer from a thread-local cache and release it on every call.
 */
final class MediaSocket implements UdpSocket {
    private final DatagramChannel channel;
    private final InetSocketAddress local;
    private final int grantedReceiveBuffer;
    private final int grantedSendBuffer;
    private final LongAdder sendErrors = new LongAdder();
    private final LongAdder sendBufferFull = new LongAdder();

    private MediaSocket(DatagramChannel channel, int rcv, int snd) throws IOException {
        this.channel = channel;
        this.local = (InetSocketAddress) channel.getLocalAddress();
        this.grantedReceiveBuffer = rcv;
        this.grantedSendBuffer = snd;
    }

    /**
     * Binds {@code address:port}, non-blocking; {@code bufferBytes} > 0 requests SO_RCVBUF/SO_SNDBUF of
     * that size (the kernel caps it at net.core.rmem_max/wmem_max; Linux reports twice what it keeps for
     * bookkeeping). {@code reuseAddress} lets a specific and a wildcard socket share the port.
     */
    static MediaSocket bind(InetAddress address, int port, int bufferBytes, boolean reuseAddress) throws IOException {
        DatagramChannel ch = DatagramChannel.open(address instanceof Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            if (reuseAddress) {
                ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            }
            if (bufferBytes > 0) {
                ch.setOption(StandardSocketOptions.SO_RCVBUF, bufferBytes);
                ch.setOption(StandardSocketOptions.SO_SNDBUF, bufferBytes);
            }
            ch.bind(new InetSocketAddress(address, port));
            ch.configureBlocking(false);
            return new MediaSocket(ch, ch.getOption(StandardSocketOptions.SO_RCVBUF),
                    ch.getOption(StandardSocketOptions.SO_SNDBUF));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    DatagramChannel channel() {
        return channel;
    }

    @Override
    public InetSocketAddress local() {
        return local;
    }

    /** SO_RCVBUF as the kernel reports it after the request. */
    @Override
    public int grantedReceiveBuffer() {
        return grantedReceiveBuffer;
    }

    /** SO_SNDBUF as the kernel reports it after the request. */
    @Override
    public int grantedSendBuffer() {
        return grantedSendBuffer;
    }

    /** Sends one datagram; false (counted) when the send buffer is full or the socket fails. */
    @Override
    public boolean send(byte[] buf, int off, int len, InetSocketAddress to) {
        try {
            ByteBuffer out = len <= SendBuffers.SIZE ? SendBuffers.of(buf, off, len) : ByteBuffer.wrap(buf, off, len);
            if (channel.send(out, to) == 0) {
                sendBufferFull.increment();
                return false;
            }
            return true;
        } catch (IOException | RuntimeException e) {
            sendErrors.increment();
            return false;
        }
    }

    @Override
    public long sendErrors() {
        return sendErrors.sum() + sendBufferFull.sum();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing more to release
        }
    }

    @Override
    public String toString() {
        return "udp " + local;
    }
}
