package io.junction.sfu;

import io.junction.sctp.dcep.ChannelOptions;
import io.junction.sfu.data.DataApplication;
import io.junction.sfu.data.DataApplications;
import io.junction.sfu.data.DataStats;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's data channels for the embedding application: application members of rooms
 * ({@link io.junction.sfu.data.DataRoom#attach}), sending as one, and each room's
 * {@link DataStats}. Thread-safe; every call hops to the room's worker.
 */
public final class EngineData {
    private static final Logger LOG = LoggerFactory.getLogger(EngineData.class);

    private final ConcurrentHashMap<String, SfuRoom> rooms;
    private final DataApplications applications;
    private DataStats lastTotals = DataStats.ZERO;

    EngineData(ConcurrentHashMap<String, SfuRoom> rooms, DataApplications applications) {
        this.rooms = rooms;
        this.applications = applications;
    }

    /**
     * Makes {@code id} a data member of {@code room}, now and whenever the room exists: it receives
     * every message sent to the room or addressed to {@code id} on the room's worker thread (it
     * must not block). Replaces an earlier receiver of the same id.
     */
    public void attach(String room, String id, DataApplication.Receiver receiver) {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(receiver, "receiver");
        applications.register(room, id, receiver);
        SfuRoom r = rooms.get(room);
        if (r != null) {
            r.loop().execute(() -> {
                if (!r.isClosed() && applications.receiver(room, id) == receiver) {
                    try {
                        r.data().attach(id, receiver);
                    } catch (IllegalArgumentException e) {
                        LOG.warn("room {}: data member {} not attached: {}", room, id, e.getMessage());
                    }
                }
            });
        }
    }

    /** Ends {@code id}'s data membership of {@code room}. */
    public void detach(String room, String id) {
        applications.unregister(room, id);
        SfuRoom r = rooms.get(room);
        if (r != null) {
            r.loop().execute(() -> r.data().detach(id));
        }
    }

    /**
     * Sends a message as {@code fromId} on channel {@code label} (opened toward receivers with
     * {@code options} when they have none) to the room ({@code to} empty) or to the named
     * participants. Completes with the number of named recipients not in the room; fails when the
     * room does not exist (it has no participant).
     */
    public CompletableFuture<Integer> send(String room, String fromId, String label, ChannelOptions options,
                                           List<String> to, String text, byte[] binary) {
        Objects.requireNonNull(fromId, "fromId");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(options, "options");
        List<String> targets = List.copyOf(to);
        if ((text == null) == (binary == null)) {
            throw new IllegalArgumentException("exactly one of text and binary");
        }
        SfuRoom r = rooms.get(room);
        if (r == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no room " + room));
        }
        return r.loop().submit(() -> {
            if (r.isClosed()) {
                throw new IllegalStateException("room " + room + " closed");
            }
            return r.data().send(fromId, label, options, targets, text, binary);
        });
    }

    /** Each open room's data counters (each taken on its worker; a room that does not answer in 2 s is skipped). */
    public Map<String, DataStats> stats() {
        Map<String, CompletableFuture<DataStats>> pending = new LinkedHashMap<>();
        for (SfuRoom r : rooms.values()) {
            pending.put(r.id(), r.loop().submit(() -> r.isClosed() ? null : r.data().stats()));
        }
        Map<String, DataStats> out = new LinkedHashMap<>();
        pending.forEach((name, f) -> {
            try {
                DataStats s = f.get(2, TimeUnit.SECONDS);
                if (s != null) {
                    out.put(name, s);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.debug("room {}: no data stats: {}", name, e.toString());
            }
        });
        return out;
    }

    /** One room's data counters, empty when the room does not exist or does not answer in 2 s. */
    public java.util.Optional<DataStats> stats(String room) {
        SfuRoom r = rooms.get(room);
        if (r == null) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.ofNullable(r.loop().submit(() -> r.isClosed() ? null : r.data().stats())
                    .get(2, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        } catch (Exception e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * Engine-wide data counters since start: closed rooms plus the open ones. Monotonic: a room
     * that closes between the two readings is counted at most once, and never less than before.
     */
    public synchronized DataStats totals() {
        DataStats sum = applications.retired();
        for (DataStats s : stats().values()) {
            sum = sum.plus(s);
        }
        lastTotals = lastTotals.max(sum);
        return lastTotals;
    }
}
