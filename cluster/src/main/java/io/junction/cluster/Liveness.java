package io.junction.cluster;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides which nodes are alive from what the directory shows, by this node's own clock: a node
 * is alive while its record exists and its {@code beat} changed less than its TTL ago (as seen
 * here, so the nodes' clocks need not agree). A record Redis already expired, or one never written
 * for a registered id, means dead. Pure apart from its memory of beats; the time is an argument.
 * Not thread-safe (the cluster thread owns it).
 */
final class Liveness {
    /** When this node last saw {@code beat} change. */
    private record Seen(long beat, long changedAtMs) {
    }

    /** The outcome of one look at the directory. */
    record Verdict(Map<String, NodeRecord> alive, Set<String> dead) {
    }

    private final Map<String, Seen> seen = new HashMap<>();

    /**
     * @param registered the ids in the {@code nodes} set
     * @param records    the records found for them (absent = expired)
     * @param nowMs      this node's clock
     */
    Verdict update(Set<String> registered, Map<String, NodeRecord> records, long nowMs) {
        Set<String> ids = new TreeSet<>(registered);
        ids.addAll(seen.keySet());
        Map<String, NodeRecord> alive = new TreeMap<>();
        Set<String> dead = new TreeSet<>();
        for (String id : ids) {
            NodeRecord r = records.get(id);
            if (r == null) {
                seen.remove(id);
                dead.add(id);
                continue;
            }
            Seen s = seen.get(id);
            if (s == null || s.beat() != r.beat()) {
                seen.put(id, new Seen(r.beat(), nowMs));
                alive.put(id, r);
            } else if (nowMs - s.changedAtMs() >= r.ttlMs()) {
                dead.add(id);
            } else {
                alive.put(id, r);
            }
        }
        return new Verdict(alive, dead);
    }
}
