package io.junction.cluster;

import io.lettuce.core.KeyValue;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's records in Redis (key layout in {@code package-info}). Blocking calls on one
 * command connection, made only from the cluster thread; each throws lettuce's
 * {@code RedisException} when Redis is unreachable or slow (the caller marks itself for
 * re-registration).
 */
final class RedisDirectory {
    static final String PREFIX = "junction:";
    private static final Logger LOG = LoggerFactory.getLogger(RedisDirectory.class);
    private final RedisCommands<String, String> redis;
    private final ClusterCodec codec;

    RedisDirectory(RedisCommands<String, String> redis, ClusterCodec codec) {
        this.redis = redis;
        this.codec = codec;
    }

    static String nodeKey(String node) {
        return PREFIX + "node:" + node;
    }

    static String nodesKey() {
        return PREFIX + "nodes";
    }

    /** The channel of relay-link negotiation messages for {@code node} ({@link RelaySignal}). */
    static String relayChannel(String node) {
        return PREFIX + "node:" + node + ":relay";
    }

    static String nodeRoomsKey(String node) {
        return PREFIX + "node:" + node + ":rooms";
    }

    static String roomNodesKey(String room) {
        return PREFIX + "room:" + room + ":nodes";
    }

    static String membersKey(String room) {
        return PREFIX + "room:" + room + ":members";
    }

    static String pinKey(String room) {
        return PREFIX + "room:" + room + ":pin";
    }

    static String channel(String room) {
        return PREFIX + "room:" + room;
    }

    /** The room of a channel name, or null when it is not a room channel. */
    static String roomOf(String channel) {
        String p = PREFIX + "room:";
        return channel != null && channel.startsWith(p) ? channel.substring(p.length()) : null;
    }

    /** Refreshes an existing record and its expiry; false when it no longer exists (expired or Redis restarted). */
    boolean refresh(NodeRecord r) {
        return "OK".equals(redis.set(nodeKey(r.id()), codec.encode(r), SetArgs.Builder.xx().px(r.ttlMs())));
    }

    /** Writes the record (expiring after its TTL) and lists the node. */
    void register(NodeRecord r) {
        redis.set(nodeKey(r.id()), codec.encode(r), SetArgs.Builder.px(r.ttlMs()));
        redis.sadd(nodesKey(), r.id());
    }

    /** Removes a node that leaves cleanly: its record, listing and room hosting. */
    void deregister(String node) {
        for (String room : roomsOf(node)) {
            redis.srem(roomNodesKey(room), node);
        }
        redis.del(nodeKey(node), nodeRoomsKey(node));
        redis.srem(nodesKey(), node);
    }

    Set<String> nodeIds() {
        return redis.smembers(nodesKey());
    }

    /** The decodable records of {@code ids}; missing (expired) and malformed ones are left out. */
    Map<String, NodeRecord> records(Set<String> ids) {
        Map<String, NodeRecord> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        List<KeyValue<String, String>> values = redis.mget(ids.stream().map(RedisDirectory::nodeKey).toArray(String[]::new));
        for (KeyValue<String, String> kv : values) {
            if (!kv.hasValue()) {
                continue;
            }
            try {
                NodeRecord r = codec.decodeNode(kv.getValue());
                if (kv.getKey().equals(nodeKey(r.id()))) {
                    out.put(r.id(), r);
                }
            } catch (ClusterDecodeException e) {
                LOG.warn("ignoring the malformed directory record {}: {}", kv.getKey(), e.getMessage());
            }
        }
        return out;
    }

    Set<String> roomsOf(String node) {
        return redis.smembers(nodeRoomsKey(node));
    }

    Set<String> nodesOf(String room) {
        return redis.smembers(roomNodesKey(room));
    }

    void host(String room, String node) {
        redis.sadd(roomNodesKey(room), node);
        redis.sadd(nodeRoomsKey(node), room);
    }

    void unhost(String room, String node) {
        redis.srem(roomNodesKey(room), node);
        redis.srem(nodeRoomsKey(node), room);
    }

    /**
     * The owner of {@code room}'s pin, taking it for {@code node} when nobody holds it (SET NX with
     * the node TTL: a dead owner's pin lapses like its record).
     */
    String pin(String room, String node, long ttlMs) {
        for (int attempt = 0; attempt < 2; attempt++) {
            if ("OK".equals(redis.set(pinKey(room), node, SetArgs.Builder.nx().px(ttlMs)))) {
                return node;
            }
            String owner = redis.get(pinKey(room));
            if (owner != null) {
                return owner;
            }
            // the pin lapsed between SET NX and GET: try once more
        }
        return node;
    }

    /** Extends {@code node}'s pin of {@code room} (no effect when another node holds it). */
    void refreshPin(String room, String node, long ttlMs) {
        if (node.equals(redis.get(pinKey(room)))) {
            redis.pexpire(pinKey(room), ttlMs);
        }
    }

    /** Releases {@code node}'s pin of {@code room} (no effect when another node holds it). */
    void unpin(String room, String node) {
        if (node.equals(redis.get(pinKey(room)))) {
            redis.del(pinKey(room));
        }
    }

    void putMember(String room, String id, ClusterCodec.Member m) {
        redis.hset(membersKey(room), id, codec.encode(m));
    }

    void removeMember(String room, String id) {
        redis.hdel(membersKey(room), id);
    }

    /** The decodable members of {@code room}: id to entry (malformed entries are logged and skipped). */
    Map<String, ClusterCodec.Member> members(String room) {
        Map<String, ClusterCodec.Member> out = new LinkedHashMap<>();
        redis.hgetall(membersKey(room)).forEach((id, json) -> {
            try {
                out.put(id, codec.decodeMember(json));
            } catch (ClusterDecodeException e) {
                LOG.warn("ignoring the malformed member {} of room {}: {}", id, room, e.getMessage());
            }
        });
        return out;
    }

    void publishRelay(String node, String message) {
        redis.publish(relayChannel(node), message);
    }

    void publish(String room, String message) {
        redis.publish(channel(room), message);
    }

    /**
     * Removes what a dead node left: its members, room hosting and listing. Skipped (returns
     * false) when its record exists again (it came back). A node re-registering between the check
     * and the removal loses entries it then writes again at its next heartbeat (it finds its
     * record gone only if it expired; see ClusterNode's re-registration).
     */
    boolean reap(String node) {
        if (redis.exists(nodeKey(node)) > 0) {
            return false;
        }
        for (String room : roomsOf(node)) {
            members(room).forEach((id, m) -> {
                if (m.node().equals(node)) {
                    redis.hdel(membersKey(room), id);
                }
            });
            redis.srem(roomNodesKey(room), node);
        }
        redis.del(nodeRoomsKey(node));
        redis.srem(nodesKey(), node);
        return true;
    }
}
