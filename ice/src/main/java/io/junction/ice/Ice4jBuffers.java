package io.junction.ice;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.ice4j.util.Buffer;
import org.ice4j.util.BufferPool;
import kotlin.Unit;

/**
 * Recycles the receive buffers of ice4j's push API (ice4j's {@link BufferPool} hooks are static, so this
 * pool is JVM-wide). Buffers of up to {@link #SIZE} bytes are pooled; a larger request is allocated and
 * not pooled. {@link #outstanding()} counts pooled buffers handed out and not yet returned.
 */
public final class Ice4jBuffers {
    /** Capacity of a pooled buffer: a full Ethernet UDP payload. */
    public static final int SIZE = 1500;
    private static final int MAX_POOLED = 2048;
    private static final ArrayBlockingQueue<Buffer> FREE = new ArrayBlockingQueue<>(MAX_POOLED);
    private static final AtomicLong OUTSTANDING = new AtomicLong();

    private Ice4jBuffers() {
    }

    static void install() {
        BufferPool.getBuffer = Ice4jBuffers::get;
        BufferPool.returnBuffer = b -> {
            release(b);
            return Unit.INSTANCE;
        };
    }

    private static Buffer get(int size) {
        if (size > SIZE) {
            return new Buffer(new byte[size], 0, size);
        }
        Buffer b = FREE.poll();
        if (b == null) {
            b = new Buffer(new byte[SIZE], 0, 0);
        }
        OUTSTANDING.incrementAndGet();
        return b;
    }

    /** Returns a buffer obtained from ice4j's push API. */
    static void release(Buffer b) {
        if (b == null || b.getBuffer().length != SIZE) {
            return;
        }
        OUTSTANDING.decrementAndGet();
        b.setRemoteAddress(null);
        b.setLocalAddress(null);
        b.setReceivedTime(null);
        FREE.offer(b);
    }

    /** Pooled buffers handed to ice4j and not yet returned (ice4j drops a few STUN buffers unreturned when a queue overflows or a socket closes). */
    public static long outstanding() {
        return OUTSTANDING.get();
    }
}
