package io.junction.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.junction.cluster.ClusterView;
import java.util.Map;

/**
 * The body of {@code GET /api/cluster}: the live nodes with their load and rooms, from the
 * directory cache of the last heartbeat (never a Redis read per request). A node running alone
 * reports itself as the only node, with {@code "clustered": false}.
 */
final class ClusterJson {
    private ClusterJson() {
    }

    static ObjectNode of(Junction junction, ObjectMapper json) {
        ObjectNode out = json.createObjectNode();
        var node = junction.cluster();
        if (node.isEmpty()) {
            Map<String, Integer> sizes = junction.signaling().rooms().roomSizes();
            out.put("clustered", false).put("self", (String) null).put("redisReachable", false);
            ObjectNode me = out.putArray("nodes").addObject();
            me.putNull("id");
            me.put("participants", sizes.values().stream().mapToInt(Integer::intValue).sum())
                    .put("roomCount", sizes.size());
            ArrayNode rooms = me.putArray("rooms");
            sizes.keySet().forEach(rooms::add);
            return out;
        }
        ClusterView view = node.get().view();
        out.put("clustered", true).put("self", view.self()).put("redisReachable", view.redisReachable());
        ArrayNode nodes = out.putArray("nodes");
        for (ClusterView.Node n : view.nodes()) {
            ObjectNode o = nodes.addObject().put("id", n.id()).put("url", n.url())
                    .put("participants", n.participants()).put("roomCount", n.roomCount());
            ArrayNode rooms = o.putArray("rooms");
            n.rooms().forEach(rooms::add);
        }
        out.set("counters", json.valueToTree(view.counters()));
        var relays = junction.relays();
        if (relays.isPresent()) {
            out.set("relayCounters", json.valueToTree(relays.get().counters()));
            ArrayNode links = out.putArray("relayLinks");
            for (io.junction.cluster.RelayLink l : relays.get().links()) {
                links.addObject().put("id", l.id()).put("room", l.room()).put("node", l.node())
                        .put("direction", l.direction()).put("packets", l.packets()).put("lost", l.lost())
                        .put("nacks", l.nacks()).put("keyframeRequests", l.keyframeRequests());
            }
        }
        return out;
    }
}
