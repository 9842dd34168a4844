/**
 * Send-side bandwidth estimation toward one subscriber, written from Google Congestion Control
 * (draft-ietf-rmcat-gcc-02) and transport-wide CC feedback
 * (draft-holmer-rmcat-transport-wide-cc-extensions-01; RFC 8888 has the same per-packet
 * semantics), plus the pacer and the probe planner that act on the estimate.
 *
 * <ul>
 *   <li>{@link io.junction.sfu.bwe.SendSideEstimator}: the composition; one per subscriber.</li>
 *   <li>{@link io.junction.sfu.bwe.SentPacketHistory}, {@link io.junction.sfu.bwe.FeedbackMatcher},
 *       {@link io.junction.sfu.bwe.PacketFeedbackBatch}: what was sent, matched against feedback.</li>
 *   <li>{@link io.junction.sfu.bwe.InterArrival}, {@link io.junction.sfu.bwe.TrendlineEstimator},
 *       {@link io.junction.sfu.bwe.OveruseDetector}, {@link io.junction.sfu.bwe.AimdRateController}:
 *       the delay-based estimate.</li>
 *   <li>{@link io.junction.sfu.bwe.LossBasedController}, {@link io.junction.sfu.bwe.AckedBitrateEstimator}.</li>
 *   <li>{@link io.junction.sfu.bwe.Pacer}, {@link io.junction.sfu.bwe.ProbePlanner},
 *       {@link io.junction.sfu.bwe.ProbeResultEstimator}.</li>
 * </ul>
 *
 * <h2>Threading and time</h2>
 * Everything belongs to the subscriber's room and is called on that room's worker thread only:
 * no locks, no timers, no threads. Time is passed in as {@code nowUs} (µs of a monotonic clock,
 * e.g. the room's {@code MonotonicClock} × 1000). Arrival times inside feedback are on the
 * subscriber's clock; only their differences are used.
 *
 * <h2>Wiring</h2>
 * Wired today ({@code io.junction.sfu.room.SubscriberBandwidth}, {@code BandwidthAllocation}):
 * stamping and {@code onSent} for every packet, feedback, REMB and RTT into the estimator, the
 * estimate into the layer allocation. Probing uses RTX padding decided by
 * {@code alloc.BudgetPolicy} (not {@link io.junction.sfu.bwe.ProbePlanner}'s clusters), and the
 * {@link io.junction.sfu.bwe.Pacer} is not in the send path yet: packets leave as they are
 * forwarded. The full design, per subscriber, on the room worker:
 * <ol>
 *   <li>Negotiate the transport-wide-cc header extension toward the subscriber and stamp every
 *       outgoing RTP packet (media, RTX, padding) with a per-subscriber 16-bit counter; after
 *       the send call {@code estimator.onSent(seq, bytesOnWire, pacer.activeCluster(), nowUs)}
 *       and {@code pacer.onSent(class, bytes)}; when {@code onSent} returns a cluster id, call
 *       {@code estimator.onProbeSent(id, pacer.completedClusterPackets())}.</li>
 *   <li>In the subscriber's RTCP handler: for each RTPFB FMT=15 packet,
 *       {@code reader.reset(...)} then {@code estimator.onTransportCc(reader, nowUs)}; for REMB,
 *       {@code estimator.onRemb(Remb.bitrate(...), nowUs)}; with each RTT update
 *       {@code estimator.onRtt(rttUs)}.</li>
 *   <li>After feedback: {@code pacer.setTargetRate(estimator.estimateBps(nowUs))} and run the
 *       layer allocator with the estimate; if it wants more than the estimate, call
 *       {@code planner.request(wantedBps, estimate, nowUs)}.</li>
 *   <li>When the pacer has no active cluster and {@code planner.poll()} returns one:
 *       {@code estimator.onProbeStarted(c)} and {@code pacer.startProbe(c)}; send RTX padding
 *       (or duplicated recent media) when {@code next} answers {@link io.junction.sfu.bwe.Pacer#PADDING}.</li>
 *   <li>Queue outgoing video and retransmissions per subscriber instead of sending at once;
 *       loop {@code pacer.next(nowUs, queuedBytes)} and schedule the next wake-up on the room
 *       worker at {@code pacer.nextSendUs(nowUs)}. Call {@code planner.start(initial)} once the
 *       transport is up.</li>
 * </ol>
 */
package io.junction.sfu.bwe;
