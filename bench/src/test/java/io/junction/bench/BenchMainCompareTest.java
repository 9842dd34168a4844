package io.junction.bench;

import io.junction.bench.load.BenchConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code --compare}: one configuration per target, same load, each with its own server. */
class BenchMainCompareTest {
    private static BenchMain parse(String... args) {
        BenchMain m = new BenchMain();
        new CommandLine(m).parseArgs(args);
        return m;
    }

    @Test
    void junctionAndJanusGetTheSameLoadAndTheirOwnTarget() {
        Map<String, BenchConfig> c = parse("--compare", "junction,janus", "--subscribers", "7", "--janus-interface",
                "jv0", "--client-address", "198.18.0.2").compareConfigs();
        assertEquals(List.of("junction", "janus"), List.copyOf(c.keySet()));
        BenchConfig junction = c.get("junction");
        BenchConfig janus = c.get("janus");
        assertEquals(Path.of("web/target/junction.jar"), junction.spawnJar());
        assertNull(junction.janus());
        assertNull(janus.spawnJar());
        assertNull(janus.server());
        assertEquals("janus", janus.janus().binary(), "spawned from PATH by default");
        assertEquals("jv0", janus.janus().iface());
        assertEquals("198.18.0.2", janus.janus().clientAddress());
        assertEquals(7, junction.subscribers());
        assertEquals(7, janus.subscribers());
    }

    @Test
    void aRunningJanusIsNotSpawned() {
        BenchConfig janus = parse("--compare", "janus,junction", "--janus", "http://127.0.0.1:8088/janus")
                .compareConfigs().get("janus");
        assertEquals(URI.create("http://127.0.0.1:8088/janus"), janus.janus().api());
        assertNull(janus.janus().binary());
    }

    @Test
    void unknownOrSingleTargetsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> parse("--compare", "junction").compareConfigs());
        assertThrows(IllegalArgumentException.class, () -> parse("--compare", "junction,junction").compareConfigs());
        assertThrows(IllegalArgumentException.class, () -> parse("--compare", "junction,mediasoup").compareConfigs());
    }
}
