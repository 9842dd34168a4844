package io.junction.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.junction.signaling.RoomRegistry;
import io.lettuce.core.RedisException;
import io.lettuce.core.pubsub.api.sync.RedisPubSubCommands;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster thread's state and work: which rooms this node follows, which node each remote
 * participant lives on, the heartbeat, the directory refresh (liveness, reaping the dead) and the
 * publishing and applying of room events. Confined to the cluster thread (no locks); every Redis
 * failure marks the node for re-registration at the next heartbeat that reaches Redis.
 */
final class RoomLog {
    private static final Logger LOG = LoggerFactory.getLogger(RoomLog.class);
    /** Heartbeats a followed room must stay without local participants before it is left. */
    private static final int IDLE_BEATS = 2;

    private final ClusterOptions options;
    private final String self;
    private final RoomRegistry registry;
    private final ClusterCodec codec;
    private final RedisDirectory dir;
    private final RedisPubSubCommands<String, String> subscriber;
    private final Consumer<String> counter;
    private final Liveness liveness = new Liveness();
    private final SequenceCheck sequences = new SequenceCheck();
    private final Set<String> followed = new HashSet<>();
    private final Map<String, Integer> idle = new HashMap<>();
    /** Remote participants of followed rooms: room to (participant id to node id). */
    private final Map<String, Map<String, String>> remoteNodes = new HashMap<>();
    private final Map<String, Long> published = new HashMap<>();
    private Liveness.Verdict verdict;
    private List<ClusterView.Node> nodes = List.of();
    private long beat;
    private boolean registered;
    /** Until then (this node's clock) no other node is judged dead: they may still be re-registering. */
    private long graceUntilMs = Long.MIN_VALUE;
    private boolean resyncAfterGrace;
    private volatile boolean dirty;
    private boolean reachable = true;

    RoomLog(ClusterOptions options, RoomRegistry registry, ClusterCodec codec, RedisDirectory dir,
            RedisPubSubCommands<String, String> subscriber, Consumer<String> counter) {
        this.options = options;
        this.self = options.nodeId();
        this.registry = registry;
        this.codec = codec;
        this.dir = dir;
        this.subscriber = subscriber;
        this.counter = counter;
    }

    /** Runs a Redis task; a Redis failure marks the node for re-registration instead of escaping. */
    void run(Runnable task) {
        try {
            task.run();
        } catch (RedisException e) {
            failed(e);
        } catch (RuntimeException e) {
            LOG.error("cluster task failed", e);
        }
    }

    private void failed(RedisException e) {
        dirty = true;
        if (reachable) {
            LOG.warn("node {} lost Redis ({}); local rooms go on, re-registering when it is back", self, e.toString());
        }
        reachable = false;
    }

    /** Some publication was lost: re-register and re-read the rooms at the next heartbeat. */
    void markDirty() {
        dirty = true;
    }

    /**
     * For each followed room with a local participant, the other nodes that have participants in
     * it (the relay links this node wants, see {@link RelayLinks}).
     */
    Map<String, Set<String>> peerNodes() {
        Map<String, Set<String>> out = new HashMap<>();
        for (String room : followed) {
            Map<String, String> index = remoteNodes.get(room);
            if (index == null || index.isEmpty() || registry.localSize(room) == 0) {
                continue;
            }
            out.put(room, Set.copyOf(new HashSet<>(index.values())));
        }
        return Map.copyOf(out);
    }

    /** Publishes a relay-link negotiation message on its target node's channel. */
    void sendRelay(RelaySignal signal) {
        dir.publishRelay(signal.to(), codec.encode(signal));
        counter.accept("relaySignalsSent");
    }

    /** The live nodes as of the last refresh. */
    List<ClusterView.Node> nodes() {
        return nodes;
    }

    /** One heartbeat: refresh (or re-create) the record, read the directory, leave idle rooms. */
    boolean heartbeat(long nowMs) {
        try {
            NodeRecord record = record();
            boolean reregister = dirty || !registered;
            if (!reregister && !dir.refresh(record)) {
                LOG.warn("node {}'s directory record was gone (expired or Redis restarted): re-registering", self);
                reregister = true;
            }
            if (reregister) {
                if (registered) {
                    // Redis restarted or this node was cut off: the others re-register at their next
                    // heartbeat; judging them by an empty directory now would tell everyone bye
                    graceUntilMs = nowMs + options.ttl().toMillis();
                    resyncAfterGrace = true;
                }
                register(record);
            }
            refreshDirectory(nowMs);
            if (reregister || resyncAfterGrace && !inGrace(nowMs)) {
                resyncAfterGrace = resyncAfterGrace && inGrace(nowMs);
                for (String room : List.copyOf(followed)) {
                    resync(room);
                }
            }
            leaveIdleRooms();
            refreshPins();
            if (!reachable) {
                LOG.info("node {} reaches Redis again", self);
            }
            reachable = true;
        } catch (RedisException e) {
            failed(e);
        }
        return reachable;
    }

    private NodeRecord record() {
        Map<String, Integer> sizes = registry.roomSizes();
        int participants = sizes.values().stream().mapToInt(Integer::intValue).sum();
        return new NodeRecord(self, options.nodeUrl(), participants, sizes.size(), ++beat, options.ttl().toMillis());
    }

    /**
     * Writes this node's whole state: removes its entries of participants no longer here (with a
     * leave to the room), then its record, its rooms and its participants (with a join each; nodes
     * that still know a participant ignore it).
     */
    private void register(NodeRecord record) {
        dirty = false;
        counter.accept("reregistrations");
        Map<String, Map<String, String>> local = registry.localMembers();
        for (String room : dir.roomsOf(self)) {
            Map<String, String> here = local.getOrDefault(room, Map.of());
            dir.members(room).forEach((id, m) -> {
                if (m.node().equals(self) && !here.containsKey(id)) {
                    dir.removeMember(room, id);
                    publish(room, RoomEvent.Kind.LEAVE, id, null, null, null);
                }
            });
            if (here.isEmpty()) {
                dir.unhost(room, self);
            }
        }
        dir.register(record);
        local.forEach((room, members) -> {
            follow(room);
            dir.host(room, self); // again: a follow that failed half-way left the room unhosted
            members.forEach((id, name) -> {
                dir.putMember(room, id, new ClusterCodec.Member(name, self));
                publish(room, RoomEvent.Kind.JOIN, id, name, null, null);
            });
        });
        registered = true;
        LOG.info("node {} registered: {} rooms, {} participants", self, record.rooms(), record.participants());
    }

    private void refreshDirectory(long nowMs) {
        Set<String> ids = dir.nodeIds();
        Map<String, NodeRecord> records = dir.records(ids);
        verdict = liveness.update(ids, records, nowMs);
        Set<String> gone = new java.util.TreeSet<>(verdict.dead());
        // participants announced by a node the directory does not show alive (it died before this
        // node ever saw its record, or a stray event): treated as gone too
        remoteNodes.values().forEach(index -> index.values().forEach(n -> {
            if (!verdict.alive().containsKey(n)) {
                gone.add(n);
            }
        }));
        for (String dead : gone) {
            if (!dead.equals(self) && !inGrace(nowMs)) {
                nodeGone(dead, !records.containsKey(dead));
            }
        }
        List<ClusterView.Node> out = new ArrayList<>();
        for (NodeRecord r : verdict.alive().values()) {
            List<String> hosted = new ArrayList<>(new java.util.TreeSet<>(dir.roomsOf(r.id())));
            out.add(new ClusterView.Node(r.id(), r.url(), r.participants(), r.rooms(), hosted));
        }
        nodes = List.copyOf(out);
    }

    /** A node died: {@code bye} for its participants here, and its entries removed when its record is gone. */
    private void nodeGone(String node, boolean recordGone) {
        int told = 0;
        for (Map.Entry<String, Map<String, String>> room : remoteNodes.entrySet()) {
            List<String> ids = new ArrayList<>();
            room.getValue().forEach((id, n) -> {
                if (n.equals(node)) {
                    ids.add(id);
                }
            });
            for (String id : ids) {
                room.getValue().remove(id);
                if (registry.remoteLeave(room.getKey(), id)) {
                    told++;
                }
            }
        }
        sequences.forgetNode(node);
        boolean reaped = recordGone && dir.reap(node);
        counter.accept("nodesGone");
        if (told == 0 && !reaped) {
            LOG.debug("node {} is still gone", node);
            return;
        }
        LOG.info("node {} is gone (no heartbeat for its ttl): {} of its participants told bye here{}", node, told,
                reaped ? ", its directory entries removed" : "");
    }

    private boolean inGrace(long nowMs) {
        return nowMs < graceUntilMs;
    }

    private void leaveIdleRooms() {
        for (String room : List.copyOf(followed)) {
            if (registry.localSize(room) > 0) {
                idle.remove(room);
            } else if (idle.merge(room, 1, Integer::sum) >= IDLE_BEATS && registry.remoteForgetIfNoLocal(room)) {
                unfollow(room);
            }
        }
    }

    /** Keeps this node's pins of the rooms it hosts from lapsing (pinned rooms only). */
    private void refreshPins() {
        if (!options.placement().pinRooms()) {
            return;
        }
        for (String room : followed) {
            if (registry.localSize(room) > 0) {
                dir.refreshPin(room, self, options.ttl().toMillis());
            }
        }
    }

    /**
     * Where a join to {@code room} (no local participant yet) goes: null = here. Takes the room's
     * pin when rooms are pinned and nobody holds it.
     */
    Placement.Redirect placement(String room) {
        Placement.Policy policy = options.placement();
        String owner = policy.pinRooms() ? dir.pin(room, self, options.ttl().toMillis()) : null;
        int here = registry.roomSizes().values().stream().mapToInt(Integer::intValue).sum();
        Placement.Redirect r = Placement.decide(policy, self, here, owner, nodes, room);
        if (r != null) {
            counter.accept("redirects");
        }
        return r;
    }

    /** Starts following {@code room} (subscribe, host, read its members) unless it already does. */
    void follow(String room) {
        if (followed.contains(room)) {
            return;
        }
        subscriber.subscribe(RedisDirectory.channel(room));
        followed.add(room);
        dir.host(room, self);
        resync(room);
    }

    private void unfollow(String room) {
        followed.remove(room);
        idle.remove(room);
        remoteNodes.remove(room);
        published.remove(room);
        sequences.forgetRoom(room);
        subscriber.unsubscribe(RedisDirectory.channel(room));
        dir.unhost(room, self);
        if (options.placement().pinRooms()) {
            dir.unpin(room, self);
        }
    }

    /**
     * Makes the registry's remote participants of {@code room} those of live nodes in the directory
     * (during the grace after a re-registration it only adds: the others may not have re-written
     * their members yet).
     */
    private void resync(String room) {
        Map<String, ClusterCodec.Member> members = dir.members(room);
        Map<String, String> index = remoteNodes.computeIfAbsent(room, r -> new HashMap<>());
        Map<String, String> known = registry.remoteMembers(room);
        boolean grace = inGrace(options.millisClock().getAsLong());
        for (String id : known.keySet()) {
            ClusterCodec.Member m = members.get(id);
            if (!grace && (m == null || !live(m.node()))) {
                registry.remoteLeave(room, id);
                index.remove(id);
            }
        }
        members.forEach((id, m) -> {
            if (!m.node().equals(self) && live(m.node()) && !known.containsKey(id)) {
                registry.remoteJoin(room, id, m.name());
                index.put(id, m.node());
            }
        });
    }

    private boolean live(String node) {
        return verdict == null || verdict.alive().containsKey(node) || inGrace(options.millisClock().getAsLong());
    }

    void localJoin(String room, String id, String name) {
        follow(room);
        dir.putMember(room, id, new ClusterCodec.Member(name, self));
        publish(room, RoomEvent.Kind.JOIN, id, name, null, null);
    }

    void localLeave(String room, String id) {
        dir.removeMember(room, id);
        publish(room, RoomEvent.Kind.LEAVE, id, null, null, null);
    }

    void localRelay(String room, String from, String to, ObjectNode data) {
        publish(room, RoomEvent.Kind.RELAY, from, null, to, data);
    }

    private void publish(String room, RoomEvent.Kind kind, String id, String name, String to, ObjectNode data) {
        long seq = published.merge(room, 1L, Long::sum);
        dir.publish(room, codec.encode(new RoomEvent(self, seq, kind, id, name, to, data)));
        counter.accept("published");
    }

    /** A message received on a room channel. */
    void apply(String channel, String message) {
        String room = RedisDirectory.roomOf(channel);
        if (room == null || !followed.contains(room)) {
            return;
        }
        RoomEvent e;
        try {
            e = codec.decodeEvent(message);
        } catch (ClusterDecodeException ex) {
            counter.accept("malformed");
            LOG.debug("dropping a malformed event on {}: {}", channel, ex.getMessage());
            return;
        }
        if (e.node().equals(self)) {
            return;
        }
        counter.accept("received");
        SequenceCheck.Result order = sequences.check(e.node(), room, e.seq());
        if (order == SequenceCheck.Result.STALE) {
            counter.accept("malformed");
            return;
        }
        Map<String, String> index = remoteNodes.computeIfAbsent(room, r -> new HashMap<>());
        switch (e.kind()) {
            case JOIN -> {
                index.put(e.id(), e.node());
                registry.remoteJoin(room, e.id(), e.name());
            }
            case LEAVE -> {
                index.remove(e.id());
                registry.remoteLeave(room, e.id());
            }
            case RELAY -> {
                if (!registry.remoteRelay(room, e.id(), e.to(), e.data())) {
                    LOG.debug("relay from {} in room {} has no local target here", e.id(), room);
                }
            }
        }
        if (order == SequenceCheck.Result.GAP) {
            counter.accept("gaps");
            LOG.warn("events of node {} in room {} were lost (sequence jumped to {}): re-reading the room", e.node(),
                    room, e.seq());
            resync(room);
        }
    }

    /** Leaves the directory (clean shutdown). */
    void deregister() {
        for (String room : List.copyOf(followed)) {
            subscriber.unsubscribe(RedisDirectory.channel(room));
        }
        followed.clear();
        dir.deregister(self);
    }
}
