package io.junction.sfu.event;

/**
 * Receives {@link RoomEvent}s. The engine calls it on room worker threads and on transport
 * threads, so an implementation must be thread-safe, fast and must never block (the embedding
 * API's {@code Junction} hands events to its own thread first, so its listeners may block).
 * An exception thrown by the listener is logged and ignored.
 */
@FunctionalInterface
public interface RoomEventListener {
    /** Ignores every event. */
    RoomEventListener NONE = e -> { };

    void onEvent(RoomEvent event);
}
