package io.junction.sfu.worker;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/** A fixed set of {@link WorkerLoop}s; rooms are assigned round-robin and stay on their loop. */
public final class WorkerPool implements AutoCloseable {
    private final WorkerLoop[] loops;
    private final AtomicInteger next = new AtomicInteger();

    /**
     * @param name    prefix of the thread names
     * @param threads number of loops, in [1, 256]
     * @param clockMs monotonic milliseconds
     * @param tickMs  ticker period in [1, 1000] ms
     */
    public WorkerPool(String name, int threads, LongSupplier clockMs, long tickMs) {
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("workerThreads must be in [1, 256], got " + threads);
        }
        loops = new WorkerLoop[threads];
        for (int i = 0; i < threads; i++) {
            loops[i] = new WorkerLoop(name + "-" + i, clockMs, tickMs, 65536);
        }
    }

    /** The loop for a new room. */
    public WorkerLoop assign() {
        return loops[Math.floorMod(next.getAndIncrement(), loops.length)];
    }

    @Override
    public void close() {
        for (WorkerLoop l : loops) {
            l.close();
        }
    }
}
