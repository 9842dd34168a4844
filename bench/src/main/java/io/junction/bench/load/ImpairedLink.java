package io.junction.bench.load;

import java.util.Arrays;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Applies a {@link PacketImpairment} in front of a {@link Sink}: dropped packets vanish, others
 * pass at once or, when delayed, as a copy delivered later by a shared scheduler. Without
 * impairment the packet goes straight through with no copy.
 */
public final class ImpairedLink {
    /** Where packets that survive go; the buffer is valid only during the call. */
    @FunctionalInterface
    public interface Sink {
        void accept(byte[] buf, int off, int len);
    }

    /** Bytes kept free after a delayed copy (at least the SRTP trailer). */
    static final int TAILROOM = 64;
    private final PacketImpairment model;
    private final ScheduledExecutorService delays;
    private final Sink sink;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong delayed = new AtomicLong();

    public ImpairedLink(PacketImpairment model, ScheduledExecutorService delays, Sink sink) {
        this.model = model;
        this.delays = delays;
        this.sink = sink;
    }

    /** Offers one packet to the link. */
    public void offer(byte[] buf, int off, int len) {
        long fate;
        synchronized (model) {
            fate = model.next();
        }
        if (fate == PacketImpairment.DROP) {
            dropped.incrementAndGet();
        } else if (fate == 0) {
            sink.accept(buf, off, len);
        } else {
            delayed.incrementAndGet();
            // Keep tailroom: the sink encrypts in place and SRTP appends its tag.
            byte[] copy = new byte[len + TAILROOM];
            System.arraycopy(buf, off, copy, 0, len);
            try {
                delays.schedule(() -> sink.accept(copy, 0, len), fate, TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
                dropped.incrementAndGet();
            }
        }
    }

    public long dropped() {
        return dropped.get();
    }

    public long delayed() {
        return delayed.get();
    }
}
