package io.junction.rtp;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bounded pool of {@link PacketBuffer}s with explicit ownership.
 *
 * <p>{@link #acquire()} hands out a buffer (reset to the default headroom, length 0);
 * the holder must {@link #release(PacketBuffer)} it exactly once. Buffers are created
 * lazily up to {@code maxBuffers}; when all are outstanding {@link #tryAcquire()} returns
 * null (drop the packet) and {@link #acquire()} throws. Acquire and release may run on
 * different threads; the pool uses one short lock and allocates nothing once warm.
 *
 * <p>In leak-detection mode each acquire records its stack trace (this allocates — tests
 * and debugging only) so {@link #leakReport()} and {@link #assertNoLeaks()} can name the
 * code that still holds buffers. Double release always throws {@link IllegalStateException}.
 *
 * <p>No statics: each server owns its pools.
 */
public final class BufferPool {
    private final int maxBuffers;
    private final int bufferCapacity;
    private final int headroom;
    private final boolean leakDetection;
    private final PacketBuffer[] free;
    private final Map<PacketBuffer, Boolean> live; // leak detection only, guarded by this
    private int freeCount;
    private int created;
    private int outstanding;

    /** A pool of {@code maxBuffers} default-sized buffers without leak detection. */
    public BufferPool(int maxBuffers) {
        this(maxBuffers, PacketBuffer.DEFAULT_CAPACITY, PacketBuffer.DEFAULT_HEADROOM, false);
    }

    /**
     * @param maxBuffers     upper bound on buffers ever created, in [1, 16_777_216]
     * @param bufferCapacity bytes per buffer, in [1, 65_536 + 1024]
     * @param headroom       default offset of a fresh buffer, in [0, bufferCapacity]
     * @param leakDetection  record acquiring stack traces (allocates per acquire)
     */
    public BufferPool(int maxBuffers, int bufferCapacity, int headroom, boolean leakDetection) {
        if (maxBuffers < 1 || maxBuffers > 16_777_216) {
            throw new IllegalArgumentException("maxBuffers must be in [1, 16777216], was " + maxBuffers);
        }
        if (bufferCapacity < 1 || bufferCapacity > 65_536 + 1024) {
            throw new IllegalArgumentException("bufferCapacity must be in [1, 66560], was " + bufferCapacity);
        }
        if (headroom < 0 || headroom > bufferCapacity) {
            throw new IllegalArgumentException("headroom must be in [0, " + bufferCapacity + "], was " + headroom);
        }
        this.maxBuffers = maxBuffers;
        this.bufferCapacity = bufferCapacity;
        this.headroom = headroom;
        this.leakDetection = leakDetection;
        this.free = new PacketBuffer[maxBuffers];
        this.live = leakDetection ? new IdentityHashMap<>() : null;
    }

    /**
     * Takes a buffer, or returns null if all {@code maxBuffers} are outstanding.
     */
    public PacketBuffer tryAcquire() {
        PacketBuffer b;
        synchronized (this) {
            if (freeCount > 0) {
                b = free[--freeCount];
                free[freeCount] = null;
                b.pooled = false;
            } else if (created < maxBuffers) {
                created++;
                b = null;
            } else {
                return null;
            }
            outstanding++;
        }
        if (b == null) {
            b = new PacketBuffer(bufferCapacity, headroom, this);
        }
        b.reset();
        if (leakDetection) {
            Throwable where = new Throwable("buffer acquired here");
            synchronized (this) {
                b.acquiredAt = where;
                live.put(b, Boolean.TRUE);
            }
        }
        return b;
    }

    /**
     * Takes a buffer.
     *
     * @throws IllegalStateException if all {@code maxBuffers} buffers are outstanding
     */
    public PacketBuffer acquire() {
        PacketBuffer b = tryAcquire();
        if (b == null) {
            throw new IllegalStateException("buffer pool exhausted: all " + maxBuffers + " buffers outstanding");
        }
        return b;
    }

    /**
     * Returns a buffer to the pool. The caller must not touch it afterwards.
     *
     * @throws IllegalStateException    if the buffer is already in the pool (double release)
     * @throws IllegalArgumentException if the buffer belongs to another pool
     */
    public void release(PacketBuffer b) {
        if (b.owner() != this) {
            throw new IllegalArgumentException("buffer does not belong to this pool");
        }
        synchronized (this) {
            if (b.pooled) {
                throw new IllegalStateException("double release of " + b);
            }
            b.pooled = true;
            if (leakDetection) {
                b.acquiredAt = null;
                live.remove(b);
            }
            free[freeCount++] = b;
            outstanding--;
        }
    }

    /** Buffers acquired and not yet released. */
    public synchronized int outstanding() {
        return outstanding;
    }

    /** Buffers created so far (at most {@link #maxBuffers()}). */
    public synchronized int created() {
        return created;
    }

    /** Upper bound on buffers this pool creates. */
    public int maxBuffers() {
        return maxBuffers;
    }

    /** Capacity of every buffer of this pool. */
    public int bufferCapacity() {
        return bufferCapacity;
    }

    /** Whether acquiring stack traces are recorded. */
    public boolean leakDetection() {
        return leakDetection;
    }

    /**
     * The acquiring stack traces of all outstanding buffers (empty without leak detection
     * or when nothing is outstanding).
     */
    public synchronized List<String> leakReport() {
        List<String> out = new ArrayList<>();
        if (live == null) {
            return out;
        }
        for (PacketBuffer b : live.keySet()) {
            StringWriter sw = new StringWriter();
            b.acquiredAt.printStackTrace(new PrintWriter(sw));
            out.add(sw.toString());
        }
        return out;
    }

    /**
     * Throws if any buffer is outstanding; the message carries the acquiring stack traces
     * when leak detection is on.
     *
     * @throws IllegalStateException naming the count (and stacks) of outstanding buffers
     */
    public void assertNoLeaks() {
        int n = outstanding();
        if (n != 0) {
            StringBuilder sb = new StringBuilder().append(n).append(" buffer(s) not released");
            for (String s : leakReport()) {
                sb.append('\n').append(s);
            }
            throw new IllegalStateException(sb.toString());
        }
    }
}
