package io.junction.sfu.view;

/**
 * A snapshot of the send-side bandwidth estimate toward one participant and how it limits the
 * layers it receives.
 *
 * @param estimateBps      the estimate from its transport-wide feedback (or REMB), -1 while nothing was measured
 * @param limited          the path has pushed back: the estimate caps the layers
 * @param budgetBps        what the layer allocation may spend, -1 for no limit
 * @param allocatedBps     what the chosen layers and the reserved audio take (last round)
 * @param congestions      congestion signals acted on (each may switch layers down)
 * @param probes           padding probes sent before up-switches
 * @param upSwitchTrials   up-switches tried after a hold (probed or not)
 * @param feedbacks        transport-wide feedback packets received
 * @param stamped          RTP packets sent with a transport-wide sequence number
 */
public record BandwidthView(long estimateBps, boolean limited, long budgetBps, long allocatedBps, long congestions,
                            long probes, long upSwitchTrials, long feedbacks, long stamped) {
}
