package io.junction.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A short real run: spawned server process, 1 publisher, 3 subscribers, no impairment. The run
 * takes ~15–20 s (server JVM start, handshakes, 2 s measured, grace windows); the bound is wider
 * because the build machine is often heavily shared.
 */
class LoadBenchSpawnTest {
    static {
        System.setProperty("ice4j.harvest.mapping.aws.enabled", "false");
    }

    static Path serverJar() {
        for (Path p : new Path[] {Path.of("../web/target/junction.jar"), Path.of("web/target/junction.jar")}) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return fail("web/target/junction.jar is missing: build it first (mvn -B -o -pl web -am package "
                + "-DskipTests) or run the whole reactor, where web's package phase comes before bench");
    }

    @Test
    void spawnedRunReportsCompleteFiguresWithoutLoss(@TempDir Path dir) throws Exception {
        Path jar = serverJar();
        BenchConfig cfg = new BenchConfig(null, jar, -1, null, null, 1, 1, 3, 16, 800, 30, 2, false, 15, 2, 10,
                0, 1, 0, 0, false, 1, 500, 0.5, 20, dir.resolve("r.json"), dir.resolve("c.png"), null);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        RunReport report = assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
            try (LoadRun run = new LoadRun(cfg, new PrintStream(progress, true))) {
                return run.run();
            }
        });
        assertEquals(1, report.steps().size());
        StepResult s = report.steps().get(0);
        assertEquals(4, s.participants());
        assertEquals(6, s.streamsForwarded(), "3 subscribers × (audio + video)");
        assertTrue(s.packetsInPerSecond() > 100, "in " + s.packetsInPerSecond());
        assertTrue(s.packetsOutPerSecond() > 2.5 * s.packetsInPerSecond(), "out " + s.packetsOutPerSecond());
        assertEquals(0.0, s.lossAfterRepairPercent(), "loss after repair");
        assertEquals(0, s.corrupt());
        assertTrue(s.serverCpuPercent() > 0 && s.serverRssMb() > 10, "server sampled: " + s);
        assertTrue(s.forwardedPerServerCore() > 0);
        assertTrue(s.latencyP50Ms() > 0 && s.latencyMaxMs() >= s.latencyP99Ms());
        assertEquals(0, report.overall().corrupt());
        assertTrue(report.machine().serverSpawned());
        assertTrue(progress.toString().contains("step 1"), "progress line printed");

        new ObjectMapper().writeValue(cfg.out().toFile(), report);
        JsonNode json = new ObjectMapper().readTree(cfg.out().toFile());
        assertEquals(1, json.path("steps").size());
        assertTrue(json.path("steps").get(0).has("forwardedPerServerCore"));
        CapacityChart.write(report, cfg.chart());
        assertTrue(Files.size(cfg.chart()) > 1000);
        assertTrue(ReportTable.render(report).contains("forwarded packets per second per server core"));
        long pid = report.machine().serverPid();
        assertTrue(ProcessHandle.of(pid).map(ph -> !ph.isAlive()).orElse(true), "server process " + pid + " ended");
    }

    /**
     * The fault profile, bounded: 10 % seeded random loss plus 5 ms jitter on the publisher leg. NACK
     * repair (server → publisher upstream) must recover the bulk of what the impairment took.
     */
    @Test
    void tenPercentPublisherLossIsMostlyRepaired(@TempDir Path dir) throws Exception {
        Path jar = serverJar();
        BenchConfig cfg = new BenchConfig(null, jar, -1, null, null, 1, 1, 3, 16, 800, 30, 4, false, 15, 2, 10,
                10, 1, 5, 0, true, 7, 1000, 100, 1000, dir.resolve("r.json"), dir.resolve("c.png"), null);
        RunReport report = assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
            try (LoadRun run = new LoadRun(cfg, new PrintStream(new ByteArrayOutputStream(), true))) {
                return run.run();
            }
        });
        StepResult s = report.steps().get(0);
        RunReport.Overall o = report.overall();
        System.out.println(ReportTable.render(report));
        double dropped = 100.0 * o.publisherLegDrops() / Math.max(1, o.packetsSent());
        assertTrue(dropped > 7 && dropped < 13, "the impairment took ~10 % of the publisher's packets: " + dropped);
        assertEquals(3 * o.publisherLegDrops(), o.impairedLosses(), "each drop is missed by the 3 subscribers");
        assertTrue(o.impairedRecoveredPercent() > 50, "NACK repair recovered the bulk of it: " + o);
        assertTrue(s.lossAfterRepairPercent() < dropped / 2, "loss after repair: " + s);
        assertEquals(0, s.corrupt());
    }
}
