package io.junction.bench.janus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.bench.load.BenchConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The bench's Janus target: option validation, and one short run against a real Janus VideoRoom
 * (Debian {@code janus}, spawned by the bench inside a namespace that {@code bench/janus-side-by-side.sh}
 * creates). On CI ({@code CI=true}, where {@code .ci/run} installs janus) a missing janus fails the test;
 * elsewhere the run is skipped without janus or root.
 */
class JanusSideBySideTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aTargetNeedsARunningJanusOrABinaryAndSaneThreadsAndAnAddress() {
        assertThrows(IllegalArgumentException.class, () -> new JanusTarget(null, null, null, 1, "127.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> new JanusTarget(null, " ", null, 1, "127.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> new JanusTarget(null, "janus", null, 0, "127.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> new JanusTarget(null, "janus", null, 65, "127.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> new JanusTarget(null, "janus", null, 1, ""));
        new JanusTarget(URI.create("http://127.0.0.1:8088/janus"), null, null, 1, "127.0.0.1");
    }

    @Test
    void theBenchTakesExactlyOneTarget() {
        JanusTarget janus = new JanusTarget(null, "janus", null, 1, "127.0.0.1");
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> config(Path.of("junction.jar"), janus));
        assertTrue(both.getMessage().contains("exactly one"), both.getMessage());
        assertThrows(IllegalArgumentException.class, () -> config(null, null));
        assertEquals(janus, config(null, janus).janus());
    }

    private static BenchConfig config(Path jar, JanusTarget janus) {
        return new BenchConfig(null, jar, -1, null, null, 1, 1, 3, 16, 800, 30, 2, false, 15, 2, 10,
                0, 1, 0, 0, false, 1, 500, 0.5, 20, Path.of("r.json"), Path.of("c.png"), janus);
    }

    @Test
    void theBenchForwardsThroughARealJanusVideoRoomIntact(@TempDir Path dir) throws Exception {
        boolean ci = "true".equals(System.getenv("CI"));
        boolean janusThere = onPath("janus");
        boolean root = "0".equals(new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes()).trim());
        if (ci && !janusThere) {
            fail("janus is not installed (.ci/run installs it: apt-get install -y janus)");
        }
        assumeTrue(janusThere && root, "needs janus on PATH and root for ip netns");
        Path script = Path.of("janus-side-by-side.sh").toAbsolutePath();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), "--rooms", "1", "--publishers", "1",
                "--subscribers", "3", "--duration", "6", "--max-p99-ms", "1000", "--video-kbps", "800")
                .redirectErrorStream(true).redirectOutput(dir.resolve("run.log").toFile());
        pb.environment().put("ONLY", "janus");
        pb.environment().put("OUT_DIR", dir.toString());
        pb.environment().put("BENCH_CMD", java + " -cp " + System.getProperty("java.class.path")
                + " io.junction.bench.BenchMain");
        Process p = pb.start();
        try {
            if (!p.waitFor(150, TimeUnit.SECONDS)) {
                fail("the Janus run did not end within 150 s; log: " + Files.readString(dir.resolve("run.log")));
            }
        } finally {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        assertEquals(0, p.exitValue(), () -> log(dir));
        JsonNode report = JSON.readTree(dir.resolve("janus-report.json").toFile());
        JsonNode step = report.path("steps").get(0);
        assertEquals(6, step.path("streamsForwarded").asInt(), "3 subscribers × audio + video");
        // ~50 audio + ~90 video packets/s per publisher at 800 kbit/s, to each of 3 subscribers
        assertTrue(step.path("packetsOutPerSecond").asDouble() > 300, () -> step + "\n" + log(dir));
        assertEquals(0, report.path("overall").path("corrupt").asLong(), "payloads arrive intact");
        assertTrue(step.path("lossAfterRepairPercent").asDouble() < 1.0, () -> step.toString());
        assertTrue(report.path("machine").path("serverSpawned").asBoolean(), () -> report.path("machine").toString());
    }

    private static String log(Path dir) {
        try {
            return Files.readString(dir.resolve("run.log"));
        } catch (java.io.IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static boolean onPath(String binary) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, binary))) {
                return true;
            }
        }
        List<String> sbin = List.of("/usr/bin", "/usr/sbin", "/usr/local/bin");
        return sbin.stream().anyMatch(d -> Files.isExecutable(Path.of(d, binary)));
    }
}
