package io.junction.ice;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.internal.PlatformDependent;
import java.net.InetSocketAddress;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One UDP socket of the media port on netty's native epoll transport ({@link EpollUdp} binds it).
 *
 * <p>Receive: netty reads with recvmmsg into one fixed buffer ({@link EpollUdp#RECEIVE_BATCH} datagrams of
 * up to {@link EpollUdp#MAX_DATAGRAM} bytes); each datagram is copied into this socket's array and handed
 * to {@link IcePort#onDatagram} on the socket's I/O thread, as the nio path does.
 *
 * <p>Send (any thread): the datagram is copied into a pooled direct buffer and queued on a bounded
 * multi-producer queue; the first send after a drain schedules one drain task on the I/O thread, which
 * writes everything queued and flushes every {@link #FLUSH_EVERY} datagrams, so netty hands the kernel a
 * batch per sendmmsg. A full queue refuses the send at once ({@link #send} returns false, counted); a
 * datagram the drain cannot queue in netty's outbound buffer (kernel send buffer full long enough that
 * {@link EpollUdp#HIGH_WATER} bytes wait) is released and counted as well; the sum is {@link #sendErrors()}.
 * The only per-datagram allocation left on the send side is netty's {@code DatagramPacket} envelope.
 */
final class EpollUdpSocket extends ChannelInboundHandlerAdapter implements UdpSocket {
    private static final Logger LOG = LoggerFactory.getLogger(EpollUdpSocket.class);
    /** Datagrams written to netty's outbound buffer between two flushes (one sendmmsg each at most). */
    static final int FLUSH_EVERY = 32;

    private final IcePort port;
    private final ByteBufAllocator alloc;
    private final Queue<DatagramPacket> queue;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drain = this::drain;
    private final byte[] rx = new byte[EpollUdp.MAX_DATAGRAM];
    private final LongAdder queueFull = new LongAdder();
    private final LongAdder notWritable = new LongAdder();
    private final LongAdder writeErrors = new LongAdder();
    private final LongAdder batches = new LongAdder();
    private volatile Channel channel;
    private InetSocketAddress local;
    private volatile boolean open = true;

    EpollUdpSocket(IcePort port, ByteBufAllocator alloc, int maxQueued) {
        this.port = port;
        this.alloc = alloc;
        this.queue = PlatformDependent.newFixedMpscQueue(maxQueued);
    }

    /** Called once by {@link EpollUdp} after the bind. */
    void bound(Channel ch) {
        this.channel = ch;
        this.local = (InetSocketAddress) ch.localAddress();
    }

    Channel channel() {
        return channel;
    }

    @Override
    public InetSocketAddress local() {
        return local;
    }

    @Override
    public int grantedReceiveBuffer() {
        return ((io.netty.channel.socket.DatagramChannelConfig) channel.config()).getReceiveBufferSize();
    }

    @Override
    public int grantedSendBuffer() {
        return ((io.netty.channel.socket.DatagramChannelConfig) channel.config()).getSendBufferSize();
    }

    // ---- receive, on this socket's I/O thread ----

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket p)) {
            io.netty.util.ReferenceCountUtil.release(msg);
            return;
        }
        try {
            ByteBuf c = p.content();
            int n = Math.min(c.readableBytes(), rx.length);
            c.getBytes(c.readerIndex(), rx, 0, n);
            port.onDatagram(this, rx, 0, n, p.sender());
        } catch (RuntimeException e) {
            LOG.warn("datagram from {} failed", p.sender(), e);
        } finally {
            p.release();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // a failed write of a void promise lands here (one count per failed datagram batch entry)
        writeErrors.increment();
        LOG.debug("media socket {}: {}", local, cause.toString());
    }

    // ---- send, any thread ----

    @Override
    public boolean send(byte[] buf, int off, int len, InetSocketAddress to) {
        Channel ch = channel;
        if (!open || ch == null) {
            writeErrors.increment();
            return false;
        }
        ByteBuf b = alloc.directBuffer(len, len);
        b.writeBytes(buf, off, len);
        if (!queue.offer(new DatagramPacket(b, to))) {
            b.release();
            queueFull.increment();
            return false;
        }
        if (!drainScheduled.get() && drainScheduled.compareAndSet(false, true)) {
            try {
                ch.eventLoop().execute(drain);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                writeErrors.increment(); // the port is closing: what is queued is released by close()
                return false;
            }
        }
        return true;
    }

    /**
     * On the I/O thread: everything queued goes to netty's outbound buffer, flushed in batches. The flag is
     * cleared before the queue is read, so a datagram queued after this read schedules the next drain.
     */
    private void drain() {
        drainScheduled.set(false);
        Channel ch = channel;
        int unflushed = 0;
        for (DatagramPacket p; (p = queue.poll()) != null; ) {
            if (!open || !ch.isWritable()) {
                p.release();
                notWritable.increment();
                continue;
            }
            ch.write(p, ch.voidPromise());
            if (++unflushed == FLUSH_EVERY) {
                ch.flush();
                batches.increment();
                unflushed = 0;
            }
        }
        if (unflushed > 0) {
            ch.flush();
            batches.increment();
        }
    }

    /** Sends refused because the queue was full. */
    long queueFull() {
        return queueFull.sum();
    }

    /** Datagrams dropped at the drain because netty's outbound buffer was over its high-water mark. */
    long notWritable() {
        return notWritable.sum();
    }

    /** Flushes done (each is one or more sendmmsg calls). */
    long flushes() {
        return batches.sum();
    }

    @Override
    public long sendErrors() {
        return queueFull.sum() + notWritable.sum() + writeErrors.sum();
    }

    @Override
    public void close() {
        open = false;
        Channel ch = channel;
        if (ch != null) {
            ch.close().awaitUninterruptibly(2000);
            try {
                // the queue has one consumer, the I/O thread: it releases what is left
                ch.eventLoop().submit(this::releaseQueued).awaitUninterruptibly(2000);
                return;
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // the I/O thread is gone: no other consumer left
            }
        }
        releaseQueued();
    }

    private void releaseQueued() {
        for (DatagramPacket p; (p = queue.poll()) != null; ) {
            p.release();
        }
    }

    @Override
    public String toString() {
        return "udp/epoll " + local;
    }
}
