package io.junction.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.junction.signaling.RoomFederation;
import io.junction.signaling.RoomRegistry;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This server's membership of a cluster: registers the node in the Redis directory and keeps it
 * alive, follows the rooms that have local participants (their channel and member list), publishes
 * local joins, leaves and relays, and injects the other nodes' into the {@link RoomRegistry}.
 * Everything Redis runs on the node's own thread ({@link RoomLog}); see {@code package-info} for
 * the keys and the threading.
 *
 * <p>Failure: a node whose record expires (no heartbeat for the TTL) is dead: its participants get
 * {@code bye} on every other node and its entries are removed. When this node cannot reach Redis
 * its local rooms go on; at the first heartbeat that reaches Redis again it re-registers and
 * re-reads the members of its rooms (same participant ids, so no duplicates).
 */
public final class ClusterNode implements RoomFederation, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);
    /** Queued Redis tasks beyond which new ones are dropped (counted; membership is repaired by re-registration). */
    static final int MAX_PENDING = 10_000;

    private final ClusterOptions options;
    private final RoomRegistry registry;
    private final ClusterCodec codec = new ClusterCodec();
    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> commands;
    private final StatefulRedisPubSubConnection<String, String> pubsub;
    private final ScheduledThreadPoolExecutor thread;
    private final AtomicInteger pending = new AtomicInteger();
    private final Map<String, AtomicLong> counters = new TreeMap<>();
    private final RoomLog rooms;
    private volatile ClusterView view;
    private volatile Map<String, java.util.Set<String>> peers = Map.of();
    private volatile java.util.function.Consumer<String> relayListener;
    private volatile boolean halted;

    private ClusterNode(ClusterOptions options, RoomRegistry registry) {
        this.options = options;
        this.registry = registry;
        for (String c : List.of("published", "received", "malformed", "gaps", "dropped", "reregistrations",
                "nodesGone", "redirects", "relaySignalsSent", "relaySignalsReceived")) {
            counters.put(c, new AtomicLong());
        }
        String name = "junction-cluster-" + options.nodeId();
        thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        thread.setRemoveOnCancelPolicy(true);
        resources = ClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(1)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
                .build();
        RedisURI uri = RedisURI.create(options.redisUri());
        uri.setTimeout(Duration.ofSeconds(2));
        client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder().autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).build())
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(2))).build());
        try {
            commands = client.connect();
            pubsub = client.connectPubSub();
        } catch (RedisException e) {
            client.shutdown(0, 1, TimeUnit.SECONDS);
            resources.shutdown(0, 1, TimeUnit.SECONDS);
            thread.shutdownNow();
            throw new IllegalStateException("cannot reach the cluster's Redis at " + options.redisUri()
                    + " (--cluster-redis): " + e.getMessage(), e);
        }
        rooms = new RoomLog(options, registry, codec, new RedisDirectory(commands.sync(), codec), pubsub.sync(),
                this::count);
        pubsub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                if (channel.equals(RedisDirectory.relayChannel(options.nodeId()))) {
                    java.util.function.Consumer<String> l = relayListener;
                    count("relaySignalsReceived");
                    if (l != null) {
                        l.accept(message);
                    }
                    return;
                }
                queue(() -> {
                    rooms.apply(channel, message);
                    peers = rooms.peerNodes();
                });
            }
        });
        view = new ClusterView(options.nodeId(), false, List.of(), Map.of());
    }

    /**
     * Connects to Redis, installs itself as {@code registry}'s federation, registers the node and
     * starts its heartbeat. Throws {@link IllegalStateException} when Redis cannot be reached.
     */
    public static ClusterNode start(ClusterOptions options, RoomRegistry registry) {
        ClusterNode node = new ClusterNode(options, registry);
        registry.federate(node);
        try {
            node.thread.submit(() -> node.pubsub.sync().subscribe(RedisDirectory.relayChannel(options.nodeId())))
                    .get(10, TimeUnit.SECONDS);
            node.thread.submit(node::tick).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            node.close();
            throw new IllegalStateException("registering node " + options.nodeId() + " failed", e);
        }
        long every = options.heartbeat().toMillis();
        node.thread.scheduleWithFixedDelay(node::tick, every, every, TimeUnit.MILLISECONDS);
        LOG.info("cluster node {} joined via {} (heartbeat {} ms, ttl {} ms)", options.nodeId(), options.redisUri(),
                every, options.ttl().toMillis());
        return node;
    }

    /** This node's id. */
    public String nodeId() {
        return options.nodeId();
    }

    /** The directory as of the last heartbeat. */
    public ClusterView view() {
        return view;
    }

    private void count(String counter) {
        counters.get(counter).incrementAndGet();
    }

    private void tick() {
        if (halted) {
            return;
        }
        boolean reachable = rooms.heartbeat(options.millisClock().getAsLong());
        Map<String, Long> c = new TreeMap<>();
        counters.forEach((k, v) -> c.put(k, v.get()));
        view = new ClusterView(options.nodeId(), reachable, reachable ? rooms.nodes() : view.nodes(), c);
        peers = rooms.peerNodes();
    }

    /**
     * For each room with a participant here, the other nodes with participants in it, as of the
     * last heartbeat or room event (what the relay links follow).
     */
    public Map<String, java.util.Set<String>> roomPeers() {
        return peers;
    }

    /**
     * Where relay-link negotiation messages for this node go (raw JSON, called on a Redis I/O
     * thread: must not block). One listener; null removes it.
     */
    public void onRelaySignal(java.util.function.Consumer<String> listener) {
        this.relayListener = listener;
    }

    /** Publishes a relay-link negotiation message (queued on the cluster thread). */
    public void sendRelay(RelaySignal signal) {
        queue(() -> rooms.sendRelay(signal));
    }

    /** The codec of the cluster's Redis values (thread-safe). */
    ClusterCodec codec() {
        return codec;
    }

    /** Runs {@code task} on the cluster thread; drops it (counted, repaired by re-registration) when too many wait. */
    private void queue(Runnable task) {
        if (halted) {
            return;
        }
        if (pending.incrementAndGet() > MAX_PENDING) {
            pending.decrementAndGet();
            count("dropped");
            rooms.markDirty();
            return;
        }
        try {
            thread.execute(() -> {
                pending.decrementAndGet();
                rooms.run(task);
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            pending.decrementAndGet();
        }
    }

    @Override
    public String idPrefix() {
        return options.nodeId() + "-";
    }

    @Override
    public void prepare(String room) {
        if (halted) {
            return;
        }
        onClusterThread(() -> {
            rooms.follow(room);
            return null;
        }, "members of room " + room + " on other nodes");
    }

    /**
     * Asks the placement policy (on the cluster thread, waiting at most the prepare timeout) where a
     * join to {@code room}, new to this node, goes; null = here (also when Redis does not answer in
     * time: a join is never refused for the directory's sake).
     */
    @Override
    public RoomFederation.Redirect redirect(String room) {
        if (halted || !options.placement().any()) {
            return null;
        }
        Placement.Redirect r = onClusterThread(() -> rooms.placement(room), "placement of room " + room);
        return r == null ? null : new RoomFederation.Redirect(r.url(), r.reason().wire(), r.node());
    }

    /**
     * Runs {@code task} on the cluster thread (Redis failures handled as for every task there) and
     * waits for its result at most the prepare timeout; null when it did not finish in time, failed,
     * or the node is stopping.
     */
    private <T> T onClusterThread(java.util.function.Supplier<T> task, String what) {
        Future<T> f;
        try {
            f = thread.submit(() -> {
                List<T> out = new java.util.ArrayList<>(1);
                rooms.run(() -> out.add(task.get()));
                return out.isEmpty() ? null : out.get(0);
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return null;
        }
        try {
            return f.get(options.prepareTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.debug("{} not known within {}: going on without it", what, options.prepareTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.debug("{} failed", what, e.getCause());
        }
        return null;
    }

    @Override
    public void joined(String room, String id, String name) {
        queue(() -> {
            rooms.localJoin(room, id, name);
            peers = rooms.peerNodes();
        });
    }

    @Override
    public void left(String room, String id) {
        queue(() -> {
            rooms.localLeave(room, id);
            peers = rooms.peerNodes();
        });
    }

    @Override
    public void relayed(String room, String from, String to, ObjectNode data) {
        queue(() -> rooms.localRelay(room, from, to, data));
    }

    /**
     * Stops at once without telling anyone: no leaves, no deregistration (the other nodes notice
     * by the TTL). For tests of a crashed node; {@link #close()} is the clean way.
     */
    public void halt() {
        halted = true;
        thread.shutdownNow();
        shutdownClient();
    }

    /**
     * Leaves the cluster: publishes what is still queued (the registry's leaves), removes this
     * node from the directory, closes the connections. Idempotent.
     */
    @Override
    public void close() {
        if (halted) {
            return;
        }
        try {
            thread.submit(() -> rooms.run(rooms::deregister)).get(3, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("leaving the cluster cleanly failed: {}", e.toString());
        }
        halted = true;
        thread.shutdownNow();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        shutdownClient();
        LOG.info("cluster node {} left", options.nodeId());
    }

    private void shutdownClient() {
        for (AutoCloseable c : List.<AutoCloseable>of(pubsub, commands)) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.debug("closing a Redis connection failed", e);
            }
        }
        client.shutdown(0, 2, TimeUnit.SECONDS);
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
