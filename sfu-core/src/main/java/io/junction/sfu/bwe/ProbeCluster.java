package io.junction.sfu.bwe;

/**
 * A burst of padding (or duplicated media) sent at {@code rateBps} to find out whether the
 * path carries that rate: at least {@code minPackets} packets and {@code minBytes} bytes
 * (the rate over {@link ProbePlanner#MIN_DURATION_US}). Every packet of it is recorded in the
 * {@link SentPacketHistory} with {@code id} as its cluster.
 */
public record ProbeCluster(int id, long rateBps, int minPackets, int minBytes) {
}
