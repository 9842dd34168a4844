package io.junction.dtls;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.tls.DatagramTransport;

/**
 * Adapts a {@link DatagramSender} and datagrams pushed by the demux to bctls's blocking
 * {@link DatagramTransport}. During the handshake bctls blocks in {@link #receive} (bounded by the
 * handshake deadline); afterwards the adapter is non-blocking: when no datagram is queued,
 * {@link #receive} throws {@link NoMoreDatagrams} so the caller's thread returns at once.
 */
final class DatagramChannelAdapter implements DatagramTransport {
    /** Safe record size for WebRTC paths (below common 1280-byte IPv6 minimum MTU). */
    static final int SEND_LIMIT = 1200;
    /** Largest datagram accepted from the demux. */
    static final int RECEIVE_LIMIT = 1500;
    static final int QUEUE_CAPACITY = 64;

    private static final byte[] WAKE_UP = new byte[0];

    /** Thrown from receive() when a non-blocking read finds nothing queued. */
    static final class NoMoreDatagrams extends InterruptedIOException {
        NoMoreDatagrams() {
            super("no datagram queued");
        }
    }

    /** Thrown from receive() when the handshake deadline has passed. */
    static final class HandshakeTimeout extends IOException {
        HandshakeTimeout() {
            super("handshake timeout");
        }
    }

    private final ArrayBlockingQueue<byte[]> inbound = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final DatagramSender out;
    private volatile long deadlineNanos = Long.MAX_VALUE;
    private volatile boolean nonBlocking;
    private volatile boolean closed;

    DatagramChannelAdapter(DatagramSender out) {
        this.out = out;
    }

    void setDeadline(long nanoTime) {
        this.deadlineNanos = nanoTime;
    }

    void switchToNonBlocking() {
        this.nonBlocking = true;
    }

    /** Queues a copy; returns false if the queue is full. */
    boolean offer(byte[] buf, int off, int len) {
        byte[] copy = new byte[len];
        System.arraycopy(buf, off, copy, 0, len);
        return inbound.offer(copy);
    }

    boolean hasQueued() {
        return !inbound.isEmpty();
    }

    int queued() {
        return inbound.size();
    }

    /** Makes a blocked receive() return with an exception and all later calls fail. */
    void shutdown() {
        closed = true;
        inbound.clear();
        inbound.offer(WAKE_UP);
    }

    @Override
    public int getReceiveLimit() {
        return RECEIVE_LIMIT;
    }

    @Override
    public int getSendLimit() {
        return SEND_LIMIT;
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        if (closed) {
            throw new IOException("transport closed");
        }
        byte[] datagram;
        if (nonBlocking) {
            datagram = inbound.poll();
            if (datagram == null) {
                throw new NoMoreDatagrams();
            }
        } else {
            datagram = pollUntilDeadline(waitMillis);
            if (datagram == null) {
                return -1;
            }
        }
        if (closed || datagram == WAKE_UP) {
            throw new IOException("transport closed");
        }
        int n = Math.min(len, datagram.length);
        System.arraycopy(datagram, 0, buf, off, n);
        return n;
    }

    private byte[] pollUntilDeadline(int waitMillis) throws IOException {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
            throw new HandshakeTimeout();
        }
        long wait = Math.min(TimeUnit.MILLISECONDS.toNanos(Math.max(1, waitMillis)), remaining);
        try {
            byte[] datagram = inbound.poll(wait, TimeUnit.NANOSECONDS);
            if (datagram == null && deadlineNanos - System.nanoTime() <= 0) {
                throw new HandshakeTimeout();
            }
            return datagram;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a DTLS datagram");
        }
    }

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("transport closed");
        }
        try {
            out.send(buf, off, len);
        } catch (RuntimeException e) {
            throw new IOException("datagram sender failed", e);
        }
    }

    @Override
    public void close() {
        // bctls closes its transport after close_notify; the owner decides when to shut down.
    }
}
