package io.junction.cluster;

/**
 * One node as the directory holds it ({@code node:<id>}, JSON).
 *
 * @param id           the node id
 * @param url          its public signaling URL, or null
 * @param participants local participants (load)
 * @param rooms        rooms with local participants (load)
 * @param beat         heartbeat counter, +1 per refresh: readers judge liveness by when it last changed
 * @param ttlMs        the writer's TTL: it counts as dead after this long without a new beat
 */
public record NodeRecord(String id, String url, int participants, int rooms, long beat, long ttlMs) {
    public NodeRecord {
        if (id == null || !ClusterOptions.NODE_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("node id must match " + ClusterOptions.NODE_ID + " (got '" + id + "')");
        }
        if (participants < 0 || rooms < 0 || beat < 0 || ttlMs < 1) {
            throw new IllegalArgumentException("node record counters must be >= 0 and ttlMs >= 1");
        }
    }
}
