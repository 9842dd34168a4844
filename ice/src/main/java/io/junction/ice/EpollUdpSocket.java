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
 * to {@link IcePort#onDatagram} on the socket's I/O thread, as the nio path does. netty allocates a
 * {@code DatagramPacket}, a slice of the batch buffer and the sender's address per received datagram (its
 * channel API has no way around them; the nio path allocates the address only when the sender changes).
 *
 * <p>Send (any thread): the datagram is copied into a pooled direct buffer and queued on a bounded
 * multi-producer queue; the first send after a drain schedules one drain task on the I/O thread, which
 * writes everything queued and flushes every {@link #FLUSH_EVERY} datagrams, so netty hands the kernel a
 * batch per sendmmsg.
 *
 * <p>Overload: when the queue is full (the I/O thread is {@code maxQueued} datagrams behind) the datagram
 * is not refused: the calling thread sends it itself with one {@code sendto} on the channel's socket
 * ({@link #sentOnCaller()}). That is back-pressure without loss: the producer (a room worker) pays the
 * syscall the I/O thread could not keep up with, so it slows down to what the kernel takes, and the
 * queue drains meanwhile. Such a datagram may overtake datagrams still queued for the same destination
 * (at most {@code maxQueued}): the receiver sees reordering, which RTP tolerates, instead of loss.
 * What is still dropped is counted by reason: the kernel refused the caller's {@code sendto} with EAGAIN
 * ({@link #callerBufferFull()}, the socket's send buffer is full), a datagram the drain cannot queue in
 * netty's outbound buffer (kernel send buffer full long enough that {@link EpollUdp#HIGH_WATER} bytes wait,
 * {@link #notWritable()}), socket errors ({@link #writeErrors()}); the sum is {@link #sendErrors()}.
 * The only per-datagram allocation left on the send side is netty's {@code DatagramPacket} envelope.
 *
 * <p>UDP GSO (when the kernel supports UDP_SEGMENT and {@link EpollUdp#GSO_PROPERTY} is not false): each
 * drained batch is regrouped by {@link GsoPlan}, and a destination's run of same-size datagrams (the last
 * may be shorter) leaves as one {@code SegmentedDatagramPacket}, which the kernel cuts into separate
 * datagrams; a failed GSO send counts each of its datagrams.
 */
final class EpollUdpSocket extends ChannelInboundHandlerAdapter implements UdpSocket {
    private static final Logger LOG = LoggerFactory.getLogger(EpollUdpSocket.class);
    /** Datagrams written to netty's outbound buffer between two flushes (one sendmmsg each at most). */
    static final int FLUSH_EVERY = 32;
    /** Datagrams taken off the queue at once (and regrouped for GSO). */
    static final int DRAIN_BATCH = 256;

    private final IcePort port;
    private final ByteBufAllocator alloc;
    private final Queue<DatagramPacket> queue;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drain = this::drain;
    private final byte[] rx = new byte[EpollUdp.MAX_DATAGRAM];
    private final LongAdder sentOnCaller = new LongAdder();
    private final LongAdder callerBufferFull = new LongAdder();
    private final LongAdder notWritable = new LongAdder();
    private final LongAdder writeErrors = new LongAdder();
    private final LongAdder batches = new LongAdder();
    private final LongAdder gsoSends = new LongAdder();
    private final LongAdder gsoDatagrams = new LongAdder();
    private final boolean gso;
    // the drain's reused arrays (I/O thread only)
    private final DatagramPacket[] batch = new DatagramPacket[DRAIN_BATCH];
    private final InetSocketAddress[] batchTo = new InetSocketAddress[DRAIN_BATCH];
    private final int[] batchLen = new int[DRAIN_BATCH];
    private final int[] order = new int[DRAIN_BATCH];
    private final int[] runLen = new int[DRAIN_BATCH];
    private final boolean[] taken = new boolean[DRAIN_BATCH];
    private int unflushed;
    private volatile Channel channel;
    private InetSocketAddress local;
    private volatile boolean open = true;

    EpollUdpSocket(IcePort port, ByteBufAllocator alloc, int maxQueued, boolean gso) {
        this.port = port;
        this.gso = gso;
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
            try {
                return sendOnCaller(ch, b.internalNioBuffer(b.readerIndex(), b.readableBytes()), to);
            } finally {
                b.release();
            }
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
     * The queue is full: one {@code sendto} on this (the calling) thread, concurrent with the I/O thread's
     * sendmmsg on the same socket (the kernel serialises them).
     */
    private boolean sendOnCaller(Channel ch, java.nio.ByteBuffer nio, InetSocketAddress to) {
        try {
            if (!open || !(ch instanceof io.netty.channel.unix.UnixChannel ec)
                    || !(ec.fd() instanceof io.netty.channel.unix.Socket fd)) {
                writeErrors.increment();
                return false;
            }
            if (fd.sendTo(nio, nio.position(), nio.limit(), to.getAddress(), to.getPort()) > 0) {
                sentOnCaller.increment();
                return true;
            }
            callerBufferFull.increment(); // EAGAIN: the kernel's send buffer is full
            return false;
        } catch (java.io.IOException | RuntimeException e) {
            writeErrors.increment();
            LOG.debug("media socket {}: send on the calling thread failed: {}", local, e.toString());
            return false;
        }
    }

    /**
     * On the I/O thread: everything queued goes to netty's outbound buffer, flushed in batches. The flag is
     * cleared before the queue is read, so a datagram queued after this read schedules the next drain.
     * With GSO, each batch of up to {@link #DRAIN_BATCH} datagrams is regrouped by {@link GsoPlan}.
     */
    private void drain() {
        drainScheduled.set(false);
        Channel ch = channel;
        while (true) {
            int n = 0;
            for (DatagramPacket p; n < DRAIN_BATCH && (p = queue.poll()) != null; ) {
                batch[n] = p;
                batchTo[n] = p.recipient();
                batchLen[n] = p.content().readableBytes();
                n++;
            }
            if (n == 0) {
                return;
            }
            if (gso) {
                writeSegmented(ch, n);
            } else {
                for (int i = 0; i < n; i++) {
                    write(ch, batch[i], 1);
                }
            }
            flush(ch);
            java.util.Arrays.fill(batch, 0, n, null);
            java.util.Arrays.fill(batchTo, 0, n, null);
            if (n < DRAIN_BATCH) {
                return;
            }
        }
    }

    private void writeSegmented(Channel ch, int n) {
        int runs = GsoPlan.plan(batchTo, batchLen, n, GsoPlan.MAX_SEGMENTS, GsoPlan.MAX_BYTES, order, runLen, taken);
        int k = 0;
        for (int r = 0; r < runs; r++) {
            int count = runLen[r];
            if (count == 1) {
                write(ch, batch[order[k++]], 1);
                continue;
            }
            int bytes = 0;
            for (int j = 0; j < count; j++) {
                bytes += batchLen[order[k + j]];
            }
            ByteBuf joined = alloc.directBuffer(bytes, bytes);
            int segment = batchLen[order[k]];
            InetSocketAddress to = batchTo[order[k]];
            for (int j = 0; j < count; j++) {
                DatagramPacket p = batch[order[k++]];
                joined.writeBytes(p.content(), p.content().readerIndex(), p.content().readableBytes());
                p.release();
            }
            gsoSends.increment();
            gsoDatagrams.add(count);
            write(ch, new io.netty.channel.epoll.SegmentedDatagramPacket(joined, segment, to), count);
        }
    }

    /** Writes one packet carrying {@code datagrams} datagrams (more than one: a GSO send). */
    private void write(Channel ch, DatagramPacket p, int datagrams) {
        if (!open || !ch.isWritable()) {
            p.release();
            notWritable.add(datagrams);
            return;
        }
        if (datagrams == 1) {
            ch.write(p, ch.voidPromise());
        } else {
            ch.write(p).addListener(f -> {
                if (!f.isSuccess()) {
                    writeErrors.add(datagrams); // every segment of a failed GSO send is counted
                    LOG.debug("media socket {}: GSO send failed: {}", local, f.cause().toString());
                }
            });
        }
        if (++unflushed == FLUSH_EVERY) {
            flush(ch);
        }
    }

    private void flush(Channel ch) {
        if (unflushed > 0) {
            batches.increment(); // before the datagrams leave: a test that received them sees the count
            unflushed = 0;
            ch.flush();
        }
    }

    boolean gso() {
        return gso;
    }

    /** GSO sends (each several datagrams in one UDP_SEGMENT send). */
    long gsoSends() {
        return gsoSends.sum();
    }

    /** Datagrams that left in GSO sends. */
    long gsoDatagrams() {
        return gsoDatagrams.sum();
    }

    /** Datagrams the calling thread sent itself because the queue was full (not drops). */
    long sentOnCaller() {
        return sentOnCaller.sum();
    }

    /** Dropped: the queue was full and the kernel refused the caller's send (EAGAIN, send buffer full). */
    long callerBufferFull() {
        return callerBufferFull.sum();
    }

    /** Dropped: the socket was closed or failed. */
    long writeErrors() {
        return writeErrors.sum();
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
        return callerBufferFull.sum() + notWritable.sum() + writeErrors.sum();
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
