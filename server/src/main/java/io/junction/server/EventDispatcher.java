package io.junction.server;

import io.junction.sfu.event.RoomEvent;
import io.junction.sfu.event.RoomEventListener;
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
    private final CallbackThread thread;

    EventDispatcher(RoomEventListener target, String name) {
        this.target = target;
        this.thread = new CallbackThread(name, QUEUE);
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
        return thread.dropped();
    }

    /** Delivers what is queued (up to 1 s), then stops the thread. */
    @Override
    public void close() {
        thread.close();
    }
}
