package io.junction.sfu.worker;

import io.junction.rtp.PacketBuffer;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fixed single-producer/single-consumer ring of pooled packets from one source (one
 * participant's transport) to its room's {@link WorkerLoop}. Offering allocates nothing; a full
 * ring releases the packet and counts a drop.
 */
public final class InboundQueue {

    /** What the loop does with each packet; it owns the buffer afterwards. */
    @FunctionalInterface
    public interface Consumer {
        void accept(PacketBuffer packet);
    }

    private final WorkerLoop loop;
    private final Consumer consumer;
    private final PacketBuffer[] ring;
    private final int mask;
    private final AtomicLong head = new AtomicLong(); // next slot to read (consumer)
    private final AtomicLong tail = new AtomicLong(); // next slot to write (producer)
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;

    /**
     * @param capacity a power of two in [2, 65536]
     */
    public InboundQueue(WorkerLoop loop, int capacity, Consumer consumer) {
        if (capacity < 2 || capacity > 65536 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two in [2, 65536], got " + capacity);
        }
        this.loop = loop;
        this.consumer = consumer;
        this.ring = new PacketBuffer[capacity];
        this.mask = capacity - 1;
    }

    /** Producer side. Takes ownership of {@code packet} in every case. */
    public void offer(PacketBuffer packet) {
        long t = tail.get();
        if (closed || t - head.get() >= ring.length) {
            dropped.incrementAndGet();
            packet.release();
            return;
        }
        ring[(int) (t & mask)] = packet;
        tail.lazySet(t + 1);
        if (scheduled.compareAndSet(false, true)) {
            loop.markReady(this);
        }
    }

    /** Consumer side, on the loop thread: hands up to {@code max} packets to the consumer. */
    int drain(int max) {
        int n = 0;
        long h = head.get();
        while (n < max && h < tail.get()) {
            int i = (int) (h & mask);
            PacketBuffer p = ring[i];
            ring[i] = null;
            head.lazySet(++h);
            n++;
            if (closed) {
                p.release();
            } else {
                consumer.accept(p);
            }
        }
        return n;
    }

    /** Consumer side: after draining, either stays scheduled (more work) or unschedules. */
    boolean hasMore() {
        if (head.get() < tail.get()) {
            return true;
        }
        scheduled.set(false);
        // A producer may have added a packet between the check and the reset.
        return head.get() < tail.get() && scheduled.compareAndSet(false, true);
    }

    /** Packets dropped because the ring was full or the queue closed. */
    public long dropped() {
        return dropped.get();
    }

    /** Stops accepting packets; those still queued are released by the loop. */
    public void close() {
        closed = true;
        if (scheduled.compareAndSet(false, true)) {
            loop.markReady(this);
        }
    }
}
