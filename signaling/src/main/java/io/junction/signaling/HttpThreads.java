package io.junction.signaling;

import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The bounded thread pool of a Jetty server that carries signaling. Jetty's default pool grows to 200
 * threads and lets idle ones end after a minute, so under load (many WebSocket reads and write
 * completions ready at once while the CPU is busy forwarding media) it starts a thread for nearly every
 * ready task and the server's thread count follows its connection count. Signaling work is short and
 * never waits on the network (every WebSocket send is asynchronous, see {@link Outbox}), so a few
 * threads keep up; ready tasks wait in the pool's queue instead of starting threads.
 *
 * <p>Sizing: one acceptor and one selector per ServerConnector on small machines take a thread each
 * for good; {@code reserved = 0} turns Jetty's reserved-thread executor off (it would keep spare
 * threads parked for the selector to hand off to), so the selector dispatches to the queue.
 */
public final class HttpThreads {
    /** Threads the pool never goes below. */
    static final int MIN = 4;
    /** Idle time after which a thread above {@link #MIN} ends. */
    static final int IDLE_MS = 60_000;

    private HttpThreads() {
    }

    /** Most threads of the pool: 16, plus 2 per core beyond 4 (acceptors and selectors included). */
    public static int defaultMax(int cores) {
        return 16 + 2 * Math.max(0, cores - 4);
    }

    /** A pool of at most {@link #defaultMax} threads for this machine, named {@code junction-http-N}. */
    public static QueuedThreadPool create() {
        return create(defaultMax(Runtime.getRuntime().availableProcessors()));
    }

    /** A pool of at most {@code max} (≥ {@link #MIN}) threads. */
    public static QueuedThreadPool create(int max) {
        if (max < MIN) {
            throw new IllegalArgumentException("max must be at least " + MIN + ", got " + max);
        }
        QueuedThreadPool pool = new QueuedThreadPool(max, MIN, IDLE_MS, 0, null, null);
        pool.setName("junction-http");
        return pool;
    }
}
