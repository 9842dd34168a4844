package io.junction.bench.load;

/**
 * The figures of one measured step. Packets in = RTP sent by the publishers; packets out = RTP
 * received by the subscribers (what the server forwarded and delivered); CPU is the server
 * process's user + system time over the step, in % of one core (NaN when the server's PID is
 * unknown); {@code forwardedPerServerCore} = packets out per second ÷ server cores used;
 * {@code serverThreads} = the server process's live threads at the end of the step (-1 unknown);
 * {@link #serverCpuUsPerPacket()} = server CPU time per packet out, in µs (its inverse, per core).
 */
public record StepResult(int step, int rooms, int publishers, int subscribers, int participants,
                         long streamsForwarded, double seconds, double packetsInPerSecond,
                         double packetsOutPerSecond, double outMbps, double lossBeforeRepairPercent,
                         double lossAfterRepairPercent, double latencyP50Ms, double latencyP99Ms,
                         double latencyMaxMs, double serverCpuPercent, double loadCpuPercent, double serverRssMb, int serverThreads,
                         double forwardedPerServerCore, long corrupt, long duplicates, long outOfOrder,
                         boolean held) {

    /**
     * Server CPU time (user + system, all its threads) per forwarded packet in µs, NaN when the CPU or the
     * packets are unknown. Unlike packets/s it is comparable between runs below saturation and on a
     * machine shared with other work (it counts the server's own CPU time only).
     */
    @com.fasterxml.jackson.annotation.JsonProperty("serverCpuUsPerPacket")
    public double serverCpuUsPerPacket() {
        return packetsOutPerSecond > 0 && !Double.isNaN(serverCpuPercent)
                ? serverCpuPercent / 100.0 / packetsOutPerSecond * 1e6 : Double.NaN;
    }
}
