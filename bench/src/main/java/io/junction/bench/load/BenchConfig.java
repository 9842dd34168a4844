package io.junction.bench.load;

import java.net.URI;
import java.nio.file.Path;

/**
 * A validated load-bench configuration (see {@code BenchMain --help} for each option).
 *
 * @param server          signaling URI of a running server, or null with {@code spawnJar}
 * @param spawnJar        junction.jar to start as a separate process, or null with {@code server}
 * @param serverPid       PID of a running server to sample (CPU, RSS), or -1
 * @param impairPublisher true: impair the publisher → server leg; false: the server → subscriber leg
 * @param janus           drive a Janus VideoRoom instead (then neither {@code server} nor {@code spawnJar}), or null
 */
public record BenchConfig(URI server, Path spawnJar, long serverPid, String serverCpus, String loadCpus,
                          int rooms, int publishers, int subscribers, int roomSize, int videoKbps, int fps,
                          int durationSeconds, boolean ramp, int stepSubscribers, int stepSeconds,
                          int maxParticipants, double lossPercent, double burstLength, double jitterMs,
                          double reorderPercent, boolean impairPublisher, long seed, int graceMillis,
                          double maxLossPercent, double maxP99Ms, Path out, Path chart,
                          io.junction.bench.janus.JanusTarget janus) {
    public BenchConfig {
        int targets = (server != null ? 1 : 0) + (spawnJar != null ? 1 : 0) + (janus != null ? 1 : 0);
        if (targets != 1) {
            throw new IllegalArgumentException("give exactly one of --server, --spawn, --janus and --spawn-janus");
        }
        range("rooms", rooms, 1, 1000);
        range("publishers", publishers, 1, 64);
        range("subscribers", subscribers, 0, 10_000);
        range("room-size", roomSize, 2, 10_000);
        range("video-kbps", videoKbps, 50, 50_000);
        range("fps", fps, 1, 120);
        range("duration", durationSeconds, 1, 3600);
        range("step-subscribers", stepSubscribers, 1, 1000);
        range("step-seconds", stepSeconds, 1, 600);
        range("max-participants", maxParticipants, 2, 10_000);
        range("grace-ms", graceMillis, 50, 10_000);
        if (publishers >= roomSize) {
            throw new IllegalArgumentException("publishers must be below room-size (" + roomSize + "), was "
                    + publishers);
        }
        if (subscribers > roomSize - publishers) {
            throw new IllegalArgumentException("subscribers (per room) must be in [0, room-size − publishers = "
                    + (roomSize - publishers) + "], was " + subscribers);
        }
        if ((long) rooms * (publishers + subscribers) > maxParticipants) {
            throw new IllegalArgumentException("rooms × (publishers + subscribers) must be ≤ max-participants ("
                    + maxParticipants + ")");
        }
        new SeededImpairment(lossPercent, burstLength, jitterMs, reorderPercent, 0, seed); // validates
        if (!(maxLossPercent >= 0 && maxLossPercent <= 100)) {
            throw new IllegalArgumentException("max-loss must be in [0, 100], was " + maxLossPercent);
        }
        if (!(maxP99Ms > 0 && maxP99Ms <= 60_000)) {
            throw new IllegalArgumentException("max-p99-ms must be in (0, 60000], was " + maxP99Ms);
        }
    }

    private static void range(String name, long v, long min, long max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], was " + v);
        }
    }

    /** The impairment for one leg, seeded from {@code seed} and the participant index. */
    public PacketImpairment impairment(boolean publisherLeg, int index) {
        if (publisherLeg != impairPublisher) {
            return PacketImpairment.none();
        }
        SeededImpairment m = new SeededImpairment(lossPercent, burstLength, jitterMs, reorderPercent,
                Math.max(5, 2 * jitterMs), seed * 1_000_003L + index);
        return m.isActive() ? m : PacketImpairment.none();
    }
}
