package io.junction.bench.load;

import java.util.List;

/**
 * Everything a run reports (written as JSON): configuration, machine, each step, the best step
 * that held, why the run stopped, and whole-run totals settled after the last grace window.
 */
public record RunReport(long startedAtMillis, BenchConfig config, Machine machine, List<StepResult> steps,
                        StepResult bestHeldStep, String stopReason, Overall overall) {
    /** Where the run ran; {@code loadAverage} is /proc/loadavg at the end (other work on the machine). */
    public record Machine(int availableProcessors, String javaVersion, String loadAverage, boolean serverSpawned,
                          long serverPid, String serverCpus, String loadCpus, boolean tasksetAvailable) {
    }

    /**
     * Whole-run totals; loss percentages are over packets expected (before) and settled (after).
     * {@code impairedLosses} is what the seeded impairment took from subscribers: its subscriber-leg
     * drops plus each publisher-leg drop once per subscriber of that publisher's room;
     * {@code impairedRecoveredPercent} is the share of those that NACK/RTX repair delivered in the end
     * (100 × (impairedLosses − lost after repair) / impairedLosses; NaN without impairment).
     */
    public record Overall(long packetsSent, long packetsReceived, long packetsExpected, double lossBeforeRepairPercent,
                          double lossAfterRepairPercent, long corrupt, long duplicates, long outOfOrder,
                          long repaired, long subscriberLegDrops, long publisherLegDrops, long publisherResends,
                          long impairedLosses, double impairedRecoveredPercent) {
    }
}
