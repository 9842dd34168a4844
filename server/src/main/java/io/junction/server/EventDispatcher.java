package io.junction.server;

import io.junction.sfu.event.RoomEvent;
import io.junction.sfu.event.RoomEventListener;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands engine events to the application's listener on one thread of its own, in order, so the
 * listener may block without stalling a room worker. At most {@value #QUEUE} events wait; beyond
 * that events are dropped (and counted) rather than holding up media.
 */
final class EventDispatcher implements RoomEventListener, AutoCloseable {
    static final int QUEUE = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);

    private final RoomEventListener target;
    private final ExecutorService thread;
    private final AtomicLong dropped = new AtomicLong();

    EventDispatcher(RoomEventListener target, String name) {
        this.target = target;
        this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        }, (r, ex) -> dropped.incrementAndGet());
    }

    @Override
    public void onEvent(RoomEvent event) {
        thread.execute(() -> {
            try {
                target.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("listener failed on {}", event, e);
            }
        });
    }

    long dropped() {
        return dropped.get();
    }

    /** Delivers what is queued (up to 1 s), then stops the thread. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(1, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
