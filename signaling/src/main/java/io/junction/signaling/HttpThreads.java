package io.junction.signaling;

import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The bounded thread pool of a Jetty server that carries signaling. Jetty's default pool grows to 200
 * threads and lets idle ones end after a minute, so under load (many WebSocket reads and write
 * completions ready at once while the CPU is busy forwarding media) it starts a thread for nearly every
 * ready task, and ends them one per minute at most, so the server's thread count follows its connection
 * count. Signaling never waits on the network (every WebSocket send is asynchronous, see {@link Outbox}),
 * but a media negotiation step waits for the room's worker thread to run it (up to 5 s: {@code
 * SfuEngine.join}, {@code SfuParticipant}'s negotiation steps), so while the workers are busy, joins
 * hold pool threads. The pool therefore may still grow to {@link #defaultMax} for a burst of joins (a
 * pool too small for the burst would starve: the offers and answers that would free the workers' queue
 * wait behind the blocked threads), but threads above {@link #MIN} end after {@link #IDLE_MS} without
 * work, all of them at once rather than one per timeout, so a server with its participants connected
 * and nothing to negotiate holds {@link #MIN}.
 *
 * <p>Sizing: one acceptor and one selector per ServerConnector on small machines take a thread each
 * for good; {@code reserved = 0} turns Jetty's reserved-thread executor off (it would keep spare
 * threads parked for the selector to hand off to), so the selector dispatches to the queue.
 */
public final class HttpThreads {
    /** Threads the pool never goes below. */
    static final int MIN = 4;
    /** Idle time after which a thread above {@link #MIN} ends. */
    static final int IDLE_MS = 4_000;

    private HttpThreads() {
    }

    /** Most threads of the pool: 48, plus 2 per core beyond 4 (acceptors and selectors included). */
    public static int defaultMax(int cores) {
        return 48 + 2 * Math.max(0, cores - 4);
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
        pool.setMaxEvictCount(max); // idle threads end together, not one per idle timeout
        return pool;
    }
}
