package io.junction.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The directory's records against a real redis-server: TTL, refresh after expiry, reaping a dead node. */
class RedisDirectoryTest {
    private RedisProcess redis;
    private RedisClient client;
    private StatefulRedisConnection<String, String> conn;
    private RedisCommands<String, String> raw;
    private RedisDirectory dir;

    @BeforeEach
    void start() throws Exception {
        redis = RedisProcess.startOrSkip();
        client = RedisClient.create(redis.uri());
        conn = client.connect();
        raw = conn.sync();
        dir = new RedisDirectory(raw, new ClusterCodec());
    }

    @AfterEach
    void stop() throws Exception {
        if (conn != null) {
            conn.close();
            client.shutdown(0, 2, TimeUnit.SECONDS);
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void recordsExpireInRedisAndRefreshNoticesIt() throws Exception {
        NodeRecord a = new NodeRecord("a", "ws://a/ws", 2, 1, 1, 400);
        dir.register(a);
        assertEquals(Set.of("a"), dir.nodeIds());
        assertEquals(Map.of("a", a), dir.records(Set.of("a")));
        assertTrue(raw.pttl(RedisDirectory.nodeKey("a")) <= 400);
        assertTrue(dir.refresh(new NodeRecord("a", "ws://a/ws", 3, 1, 2, 400)));
        assertEquals(3, dir.records(Set.of("a")).get("a").participants());
        // no refresh: Redis expires the record after its TTL (real time, bounded wait)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!dir.records(Set.of("a")).isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "record did not expire");
            TimeUnit.MILLISECONDS.sleep(50);
        }
        assertFalse(dir.refresh(new NodeRecord("a", null, 3, 1, 3, 400)), "refresh of an expired record fails");
        assertTrue(dir.records(Set.of("a")).isEmpty(), "and does not re-create it");
        assertEquals(Set.of("a"), dir.nodeIds(), "still listed until someone reaps it");
    }

    @Test
    void malformedRecordsAreSkipped() {
        raw.set(RedisDirectory.nodeKey("x"), "{not json");
        raw.set(RedisDirectory.nodeKey("y"), "{\"id\":\"z\",\"participants\":1,\"rooms\":1,\"beat\":1,\"ttlMs\":5}");
        dir.register(new NodeRecord("ok", null, 0, 0, 1, 5000));
        assertEquals(Set.of("ok"), dir.records(Set.of("x", "y", "ok")).keySet());
    }

    @Test
    void reapingRemovesOnlyTheDeadNodesEntries() {
        dir.register(new NodeRecord("live", null, 1, 1, 1, 60_000));
        raw.sadd(RedisDirectory.nodesKey(), "dead");
        dir.host("r", "live");
        dir.host("r", "dead");
        dir.host("s", "dead");
        dir.putMember("r", "live-p1", new ClusterCodec.Member("ann", "live"));
        dir.putMember("r", "dead-p1", new ClusterCodec.Member("bob", "dead"));
        dir.putMember("s", "dead-p2", new ClusterCodec.Member("cid", "dead"));
        assertFalse(dir.reap("live"), "a node whose record exists is not reaped");
        assertTrue(dir.reap("dead"));
        assertEquals(Set.of("live-p1"), dir.members("r").keySet());
        assertEquals(Set.of(), dir.members("s").keySet());
        assertEquals(Set.of("live"), dir.nodesOf("r"));
        assertEquals(Set.of(), dir.nodesOf("s"));
        assertEquals(Set.of("live"), dir.nodeIds());
        assertEquals(Set.of(), dir.roomsOf("dead"));
        dir.deregister("live");
        assertEquals(Set.of(), dir.nodeIds());
        assertEquals(Set.of(), dir.nodesOf("r"));
    }
}
