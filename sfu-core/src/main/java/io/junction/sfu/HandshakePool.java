package io.junction.sfu;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of one engine's DTLS handshakes. A handshake blocks its thread on the network
 * until it completes or times out, so the pool runs up to {@code threads} of them at once and
 * queues the rest (their deadline keeps running while they wait); threads are started on demand
 * and end after {@link #KEEP_ALIVE} without work, so an idle engine holds none.
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
        // core == max: with a queue, a ThreadPoolExecutor only grows to its core size; letting
        // core threads time out makes the pool shrink back to zero when idle.
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, keepAlive.toNanos(), TimeUnit.NANOSECONDS,
                new LinkedBlockingQueue<>(queue), tf, new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
