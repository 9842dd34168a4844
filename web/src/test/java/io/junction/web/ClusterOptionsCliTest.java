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
        Options env = JunctionMain.parse(Map.of("JUNCTION_CLUSTER_REDIS", "redis://10.0.0.5:6380"));
        assertEquals("redis://10.0.0.5:6380", env.clusterRedis());
    }

    @Test
    void badValuesNameTheOption() {
        String[][] rows = {
                {"--cluster-redis", "http://x:1", "--cluster-redis must be redis://HOST:PORT"},
                {"--cluster-redis", "redis://127.0.0.1", "--cluster-redis must be redis://HOST:PORT"},
                {"--node-id", "a", "--node-id and --node-url need --cluster-redis"},
        };
        for (String[] row : rows) {
            CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                    () -> JunctionMain.parse(row[0], row[1]));
            assertTrue(e.getMessage().startsWith(row[2]), e.getMessage());
        }
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                () -> JunctionMain.parse("--cluster-redis", "redis://127.0.0.1:6379", "--node-id", "no-dash"));
        assertTrue(e.getMessage().startsWith("--node-id must be 1..32 characters"), e.getMessage());
    }
}
