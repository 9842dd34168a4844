package io.junction.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The cluster options of the command line: default one node, validated values naming the option. */
class ClusterOptionsCliTest {
    @Test
    void defaultIsOneNode() {
        Options o = JunctionMain.parse();
        assertNull(o.clusterRedis());
        assertNull(o.nodeId());
    }

    @Test
    void clusterOptionsParseFromCommandLineAndEnvironment() {
        Options o = JunctionMain.parse("--cluster-redis", "redis://127.0.0.1:6379", "--node-id", "east_1",
                "--node-url", "wss://east.example:8443/ws");
        assertEquals("redis://127.0.0.1:6379", o.clusterRedis());
        assertEquals("east_1", o.nodeId());
        assertEquals("wss://east.example:8443/ws", o.nodeUrl());
        assertNull(o.relayAddress(), "default: the first announced address, else loopback");
        assertEquals("10.0.0.5", JunctionMain.parse("--cluster-redis", "redis://127.0.0.1:6379",
                "--relay-address", "10.0.0.5").relayAddress());
        Options env = JunctionMain.parse(Map.of("JUNCTION_CLUSTER_REDIS", "redis://10.0.0.5:6380"));
        assertEquals("redis://10.0.0.5:6380", env.clusterRedis());
    }

    @Test
    void badValuesNameTheOption() {
        String[][] rows = {
                {"--cluster-redis", "http://x:1", "--cluster-redis must be redis://HOST:PORT"},
                {"--cluster-redis", "redis://127.0.0.1", "--cluster-redis must be redis://HOST:PORT"},
                {"--node-id", "a", "--node-id, --node-url, --pin-rooms and --redirect-above need --cluster-redis"},
                {"--redirect-above", "5", "--node-id, --node-url, --pin-rooms and --redirect-above need --cluster-redis"},
                {"--redirect-above", "-1", "--redirect-above must be in 0..1000000"},
                {"--relay-address", "10.0.0.5", "--relay-address needs --cluster-redis"},
        };
        for (String[] row : rows) {
            CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                    () -> JunctionMain.parse(row[0], row[1]));
            assertTrue(e.getMessage().startsWith(row[2]), e.getMessage());
        }
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                () -> JunctionMain.parse("--cluster-redis", "redis://127.0.0.1:6379", "--node-id", "no-dash"));
        assertTrue(e.getMessage().startsWith("--node-id must be 1..32 characters"), e.getMessage());
        e = assertThrows(CommandLine.ParameterException.class,
                () -> JunctionMain.parse("--cluster-redis", "redis://127.0.0.1:6379", "--pin-rooms"));
        assertTrue(e.getMessage().startsWith("--pin-rooms and --redirect-above need --node-url"), e.getMessage());
    }

    @Test
    void placementOptionsReachTheClusterSettings() {
        Options o = JunctionMain.parse("--cluster-redis", "redis://127.0.0.1:6379", "--node-url", "ws://a:8080/ws",
                "--pin-rooms", "--redirect-above", "200");
        assertTrue(o.pinRooms());
        assertEquals(200, o.redirectAbove());
        Options env = JunctionMain.parse(Map.of("JUNCTION_CLUSTER_REDIS", "redis://10.0.0.5:6380",
                "JUNCTION_NODE_URL", "ws://b:8080/ws", "JUNCTION_REDIRECT_ABOVE", "50"));
        assertEquals(50, env.redirectAbove());
        assertEquals(false, env.pinRooms());
    }
}
