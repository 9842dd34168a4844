package io.junction.cluster;

import java.util.List;
import java.util.Map;

/**
 * A cached snapshot of the directory, as of the last heartbeat (served by {@code /api/cluster}).
 *
 * @param self           this node's id
 * @param redisReachable whether the last heartbeat reached Redis
 * @param nodes          the live nodes, by id
 * @param counters       this node's cluster counters since start
 */
public record ClusterView(String self, boolean redisReachable, List<Node> nodes, Map<String, Long> counters) {
    public ClusterView {
        nodes = List.copyOf(nodes);
        counters = Map.copyOf(counters);
    }

    /** One live node, its load and the rooms it hosts. */
    public record Node(String id, String url, int participants, int roomCount, List<String> rooms) {
        public Node {
            rooms = List.copyOf(rooms);
        }
    }
}
