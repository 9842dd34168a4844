package io.junction.sfu.room;

/**
 * Per-room forwarding limits, validated at construction.
 *
 * @param retransmissionPackets  packets kept per track for NACK answers, a power of two in [64, 8192]
 * @param retransmissionMaxAgeMs how long a packet stays answerable, in [100, 10000] ms
 * @param keyframeMinIntervalMs  at most one PLI/FIR upstream per source per this many ms, in [50, 5000]
 * @param rtcpIntervalMs         period of SR/RR reports, in [100, 10000] ms
 * @param negotiationTimeoutMs   how long a server offer may stay unanswered before it is sent
 *                               again (once), in [1000, 300000] ms
 */
public record RoomOptions(int retransmissionPackets, long retransmissionMaxAgeMs, long keyframeMinIntervalMs,
                          long rtcpIntervalMs, long negotiationTimeoutMs) {

    public RoomOptions {
        if (retransmissionPackets < 64 || retransmissionPackets > 8192 || Integer.bitCount(retransmissionPackets) != 1) {
            throw new IllegalArgumentException(
                    "retransmissionPackets must be a power of two in [64, 8192], got " + retransmissionPackets);
        }
        range("retransmissionMaxAgeMs", retransmissionMaxAgeMs, 100, 10_000);
        range("keyframeMinIntervalMs", keyframeMinIntervalMs, 50, 5_000);
        range("rtcpIntervalMs", rtcpIntervalMs, 100, 10_000);
        range("negotiationTimeoutMs", negotiationTimeoutMs, 1_000, 300_000);
    }

    /** 512 packets, 1 s, 300 ms between keyframe requests, RTCP every second, 15 s to answer. */
    public static RoomOptions defaults() {
        return new RoomOptions(512, 1000, 300, 1000, 15_000);
    }

    /** These options with another negotiation timeout. */
    public RoomOptions withNegotiationTimeoutMs(long ms) {
        return new RoomOptions(retransmissionPackets, retransmissionMaxAgeMs, keyframeMinIntervalMs, rtcpIntervalMs, ms);
    }

    private static void range(String name, long v, long min, long max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], got " + v);
        }
    }
}
