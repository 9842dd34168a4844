package io.junction.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClusterOptionsTest {
    @Test
    void defaults() {
        ClusterOptions o = ClusterOptions.of("redis://127.0.0.1:6379");
        assertTrue(ClusterOptions.NODE_ID.matcher(o.nodeId()).matches(), o.nodeId());
        assertEquals(Duration.ofSeconds(1), o.heartbeat());
        assertEquals(Duration.ofSeconds(5), o.ttl());
    }

    @Test
    void badValuesNameTheOptionAndRange() {
        ClusterOptions ok = ClusterOptions.of("redis://127.0.0.1:6379");
        Object[][] rows = {
                {(Runnable) () -> ClusterOptions.of("redis://127.0.0.1"), "redisUri must be redis://HOST:PORT"},
                {(Runnable) () -> ClusterOptions.of("rediss://h:1"), "redisUri must be redis://HOST:PORT"},
                {(Runnable) () -> ClusterOptions.of("redis://h:70000"), "redisUri must be"},
                {(Runnable) () -> ok.withNodeId("a-b"), "nodeId must be 1..32 characters of [A-Za-z0-9_]"},
                {(Runnable) () -> ok.withNodeId(""), "nodeId must be"},
                {(Runnable) () -> ok.withNodeId("x".repeat(33)), "nodeId must be"},
                {(Runnable) () -> ok.withNodeUrl("host:8080"), "nodeUrl must be a URL"},
                {(Runnable) () -> ok.withTimings(Duration.ofMillis(50), Duration.ofSeconds(5)), "heartbeat must be in 100 ms"},
                {(Runnable) () -> ok.withTimings(Duration.ofSeconds(3), Duration.ofSeconds(5)), "heartbeat must be in 100 ms..ttl/2 (2500 ms)"},
                {(Runnable) () -> ok.withTimings(Duration.ofSeconds(1), Duration.ofSeconds(1)), "ttl must be in 2..60 s"},
                {(Runnable) () -> ok.withTimings(Duration.ofSeconds(1), Duration.ofSeconds(61)), "ttl must be in 2..60 s"},
        };
        for (Object[] row : rows) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, ((Runnable) row[0])::run);
            assertTrue(e.getMessage().startsWith((String) row[1]), e.getMessage());
        }
    }
}
