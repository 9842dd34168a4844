package io.junction.sfu;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of one engine's DTLS handshakes. A handshake blocks its thread on the network
 * until it completes or times out, so the pool runs up to {@code threads} of them at once and
 * queues the rest (their deadline keeps running while they wait).
 *
 * <p>A thread is started only when every thread is busy and none is free to take the handshake:
 * a plain {@link ThreadPoolExecutor} with {@code core == max} starts a new thread for every task
 * until it reaches its size, even while others sit idle, so a burst of joins used to leave
 * {@code threads} parked threads behind, then end them after the keep-alive and start them again
 * on the next burst. Here the pool stays as large as the number of handshakes actually in progress
 * at once, and idle threads end after {@link #KEEP_ALIVE}, so an idle engine holds none.
 */
final class HandshakePool {
    /** Idle time after which a handshake thread ends. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(30);
    /** Handshakes that may wait for a thread; one more fails its transport at once. */
    static final int QUEUE = 4096;

    private HandshakePool() {
    }

    /** A pool of at most {@code threads} daemon threads named {@code junction-dtls-N}. */
    static ThreadPoolExecutor create(int threads) {
        return create(threads, KEEP_ALIVE, QUEUE);
    }

    static ThreadPoolExecutor create(int threads, Duration keepAlive, int queue) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, "junction-dtls-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        GrowWhenBusy q = new GrowWhenBusy(queue);
        Pool pool = new Pool(threads, keepAlive, q, tf, queue);
        q.pool = pool;
        return pool;
    }

    /**
     * Core size 0 (every thread ends after the keep-alive). {@code submitted} counts handshakes handed in
     * and not finished; the queue refuses a task while that exceeds the threads and the pool may still
     * grow, which makes the executor start a thread; at the maximum the rejection handler queues it.
     */
    private static final class Pool extends ThreadPoolExecutor {
        final AtomicInteger submitted = new AtomicInteger();

        Pool(int threads, Duration keepAlive, GrowWhenBusy q, ThreadFactory tf, int queue) {
            super(0, threads, keepAlive.toNanos(), TimeUnit.NANOSECONDS, q, tf, (r, p) -> {
                if (p.isShutdown() || !q.force(r)) {
                    throw new RejectedExecutionException("handshake queue full (" + queue + ")");
                }
            });
        }

        @Override
        public void execute(Runnable r) {
            submitted.incrementAndGet();
            try {
                super.execute(r);
            } catch (RuntimeException e) {
                submitted.decrementAndGet();
                throw e;
            }
        }

        @Override
        protected void afterExecute(Runnable r, Throwable t) {
            submitted.decrementAndGet();
        }
    }

    /** The work queue: says "full" while a new thread should take the task instead. */
    private static final class GrowWhenBusy extends LinkedBlockingQueue<Runnable> {
        volatile Pool pool;

        GrowWhenBusy(int capacity) {
            super(capacity);
        }

        @Override
        public boolean offer(Runnable r) {
            Pool p = pool;
            if (p != null) {
                int threads = p.getPoolSize();
                if (threads < p.getMaximumPoolSize() && p.submitted.get() > threads) {
                    return false;
                }
            }
            return super.offer(r);
        }

        boolean force(Runnable r) {
            return super.offer(r);
        }
    }
}
