package io.junction.sfu.data;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The application members of an engine's rooms (the embedding API), by room name: they outlive
 * the rooms themselves (a room exists while it has participants), so each new room attaches the
 * ones registered for its name. Also keeps the data counters of closed rooms. Thread-safe;
 * {@link #attachTo} runs on the room worker.
 */
public final class DataApplications {
    private final Map<String, Map<String, DataApplication.Receiver>> byRoom = new ConcurrentHashMap<>();
    private DataStats retired = DataStats.ZERO;

    /** Room worker, as a room closes: its counters join the engine's totals of closed rooms. */
    public synchronized void retire(DataStats s) {
        retired = retired.plus(s);
    }

    /** The summed counters of the engine's closed rooms. */
    public synchronized DataStats retired() {
        return retired;
    }

    /** Registers {@code id} in {@code room}; replaces an earlier receiver of the same id. */
    public void register(String room, String id, DataApplication.Receiver receiver) {
        byRoom.computeIfAbsent(room, r -> new ConcurrentHashMap<>()).put(id, receiver);
    }

    /** Unregisters {@code id} from {@code room}; true when it was registered. */
    public boolean unregister(String room, String id) {
        boolean[] removed = {false};
        byRoom.computeIfPresent(room, (r, m) -> {
            removed[0] = m.remove(id) != null;
            return m.isEmpty() ? null : m;
        });
        return removed[0];
    }

    /** The receiver registered as {@code id} in {@code room}, or null. */
    public DataApplication.Receiver receiver(String room, String id) {
        Map<String, DataApplication.Receiver> m = byRoom.get(room);
        return m == null ? null : m.get(id);
    }

    /** Room worker: attaches every member registered for {@code room} to its data room. */
    public void attachTo(String room, DataRoom data) {
        Map<String, DataApplication.Receiver> m = byRoom.get(room);
        if (m != null) {
            m.forEach((id, r) -> {
                try {
                    data.attach(id, r);
                } catch (IllegalArgumentException e) {
                    // a participant holds the id; the application member stays registered but detached
                }
            });
        }
    }
}
