package io.junction.bench.load;

/**
 * The figures of one measured step. Packets in = RTP sent by the publishers; packets out = RTP
 * received by the subscribers (what the server forwarded and delivered); CPU is the server
 * process's user + system time over the step, in % of one core (NaN when the server's PID is
 * unknown); {@code forwardedPerServerCore} = packets out per second ÷ server cores used;
 * {@code serverThreads} = the server process's live threads at the end of the step (-1 unknown).
 */
public record StepResult(int step, int rooms, int publishers, int subscribers, int participants,
                         long streamsForwarded, double seconds, double packetsInPerSecond,
                         double packetsOutPerSecond, double outMbps, double lossBeforeRepairPercent,
                         double lossAfterRepairPercent, double latencyP50Ms, double latencyP99Ms,
                         double latencyMaxMs, double serverCpuPercent, double loadCpuPercent, double serverRssMb, int serverThreads,
                         double forwardedPerServerCore, long corrupt, long duplicates, long outOfOrder,
                         boolean held) {
}
