package io.junction.ice;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.LongAdder;

/**
 * One passive ICE-TCP connection (RFC 6544): RFC 4571 frames in, the same demux as a UDP datagram;
 * replies and media out as frames. Reads happen on the port's I/O thread; {@link #send} may be called
 * from any thread: what the socket does not take at once waits in a bounded buffer written when the
 * socket is writable (beyond it the frame is dropped and counted).
 */
final class TcpConnection implements PathSender {
    /** Bytes of frames waiting for the socket at most. */
    static final int MAX_PENDING = 256 * 1024;

    private final SocketChannel channel;
    private final InetSocketAddress remote;
    private final byte[] in;
    private int have;
    private final int maxFrame;
    private final ByteBuffer pending = ByteBuffer.allocate(MAX_PENDING);
    private final LongAdder sendDropped = new LongAdder();
    private SelectionKey key;
    private final long openedMs;
    private volatile long lastFrameMs;
    private volatile boolean authenticated;
    private volatile boolean closed;
    private boolean cutRequested; // I/O thread only

    TcpConnection(SocketChannel channel, InetSocketAddress remote, int maxFrame, long nowMs) {
        this.channel = channel;
        this.remote = remote;
        this.maxFrame = maxFrame;
        this.in = new byte[2 + maxFrame];
        this.openedMs = nowMs;
        this.lastFrameMs = nowMs;
    }

    void attach(SelectionKey k) {
        this.key = k;
    }

    InetSocketAddress remote() {
        return remote;
    }

    SocketChannel channel() {
        return channel;
    }

    /** The frame just handed to the sink makes the connection unwanted: {@link #read} reports CUT. I/O thread. */
    void requestCut() {
        cutRequested = true;
    }

    /** Frames were received for a session on this connection (a valid check arrived on it). */
    void markAuthenticated() {
        authenticated = true;
    }

    boolean authenticated() {
        return authenticated;
    }

    long openedMs() {
        return openedMs;
    }

    long lastFrameMs() {
        return lastFrameMs;
    }

    boolean isClosed() {
        return closed;
    }

    /** Frames dropped because the peer did not read fast enough. */
    long sendDropped() {
        return sendDropped.sum();
    }

    /** Callback for each complete frame; the buffer is reused after it returns. */
    interface FrameSink {
        void onFrame(TcpConnection c, byte[] buf, int off, int len);
    }

    /** Outcome of {@link #read}. */
    enum ReadResult { OPEN, END_OF_STREAM, TOO_LONG, CUT }

    /**
     * Reads what the socket has and hands every complete frame to {@code sink}; anything but
     * {@link ReadResult#OPEN} means the connection must be cut off.
     */
    ReadResult read(FrameSink sink, long nowMs) {
        while (true) {
            int n;
            try {
                // never full here: a buffer of 2 + maxFrame bytes always holds a complete frame, consumed below
                n = channel.read(ByteBuffer.wrap(in, have, in.length - have));
            } catch (IOException e) {
                return ReadResult.END_OF_STREAM;
            }
            if (n < 0) {
                return ReadResult.END_OF_STREAM;
            }
            if (n == 0) {
                return ReadResult.OPEN;
            }
            have += n;
            while (true) {
                int len = Rfc4571.next(in, have, maxFrame);
                if (len == Rfc4571.TOO_LONG) {
                    return ReadResult.TOO_LONG;
                }
                if (len == Rfc4571.NEED_MORE) {
                    break;
                }
                lastFrameMs = nowMs;
                if (len > 0) {
                    sink.onFrame(this, in, 2, len);
                }
                if (cutRequested || closed) {
                    return ReadResult.CUT;
                }
                int rest = have - 2 - len;
                System.arraycopy(in, 2 + len, in, 0, rest);
                have = rest;
            }
        }
    }

    @Override
    public boolean send(byte[] buf, int off, int len, InetSocketAddress to) {
        if (len > 0xFFFF) {
            sendDropped.increment();
            return false;
        }
        synchronized (pending) {
            if (closed) {
                return false;
            }
            if (pending.position() + 2 + len > pending.capacity()) {
                sendDropped.increment();
                return false;
            }
            pending.put((byte) (len >>> 8)).put((byte) len).put(buf, off, len);
            return flushLocked();
        }
    }

    /** The socket became writable (I/O thread). */
    void onWritable() {
        synchronized (pending) {
            flushLocked();
        }
    }

    private boolean flushLocked() {
        pending.flip();
        try {
            channel.write(pending);
        } catch (IOException e) {
            pending.clear();
            return false;
        } finally {
            pending.compact();
        }
        SelectionKey k = key;
        if (k != null && k.isValid()) {
            int ops = pending.position() > 0 ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ;
            if (k.interestOps() != ops) {
                k.interestOps(ops);
                k.selector().wakeup();
            }
        }
        return true;
    }

    void close() {
        synchronized (pending) {
            closed = true;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // nothing more to release
        }
    }
}
