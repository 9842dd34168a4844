package io.junction.sfu.bwe;

import io.junction.rtp.rtcp.TransportCcReader;

/**
 * One subscriber's send-side bandwidth estimate (draft-ietf-rmcat-gcc-02), fed with what the
 * server sent and the transport-wide CC feedback the subscriber returns:
 * <pre>
 *   onSent ─▶ SentPacketHistory
 *   onTransportCc ─▶ FeedbackMatcher ─▶ AckedBitrateEstimator (R_hat)
 *                                     ─▶ InterArrival ─▶ TrendlineEstimator ─▶ OveruseDetector ─▶ AimdRateController
 *                                     ─▶ LossBasedController
 *                                     ─▶ ProbeResultEstimator ─▶ raises the delay-based rate
 *   estimate = min(delay-based, loss-based); REMB when no feedback for rembFallbackUs
 * </pre>
 * Time is passed in ({@code nowUs}, a monotonic local clock in µs). Room worker only;
 * allocation-free per packet and per feedback after construction.
 */
public final class SendSideEstimator {
    static final int HISTORY = 8192;
    static final int BATCH = 4096;

    private final BweOptions options;
    private final SentPacketHistory history = new SentPacketHistory(HISTORY);
    private final FeedbackMatcher matcher = new FeedbackMatcher();
    private final PacketFeedbackBatch batch = new PacketFeedbackBatch(BATCH);
    private final AckedBitrateEstimator acked = new AckedBitrateEstimator(500_000, 4096);
    private final InterArrival interArrival = new InterArrival();
    private final TrendlineEstimator trendline = new TrendlineEstimator(20, 0.9, 4);
    private final OveruseDetector detector = new OveruseDetector();
    private final AimdRateController delayBased;
    private final LossBasedController lossBased;
    private final ProbeResultEstimator probes = new ProbeResultEstimator(16);
    private long lastFeedbackUs = Long.MIN_VALUE;
    private long rembBps = -1;
    private long lastRembUs = Long.MIN_VALUE;
    private long feedbacks;
    private long lastProbeResultBps = -1;

    public SendSideEstimator(BweOptions options) {
        this.options = options;
        delayBased = new AimdRateController(options.initialBps(), options.minBps(), options.maxBps());
        lossBased = new LossBasedController(options.minBps(), options.maxBps(),
                options.lossIntervalUs());
    }

    /** A packet carrying transport-wide sequence number {@code twSeq} left at {@code nowUs}. */
    public void onSent(int twSeq, int sizeBytes, int probeCluster, long nowUs) {
        history.onSent(twSeq, nowUs, sizeBytes, probeCluster);
    }

    /** A probe cluster is about to be sent (see {@link ProbePlanner}, {@link Pacer#startProbe}). */
    public void onProbeStarted(ProbeCluster cluster) {
        probes.onCluster(cluster);
    }

    /** The pacer finished sending a cluster with {@code packets} packets. */
    public void onProbeSent(int clusterId, int packets) {
        probes.onClusterSent(clusterId, packets);
    }

    /** Round-trip time from RTCP (receiver reports), used by the rate controller. */
    public void onRtt(long rttUs) {
        delayBased.setRtt(rttUs);
        lossBased.setRtt(rttUs);
    }

    /** A REMB (draft-alvestrand-rmcat-remb) from the subscriber. */
    public void onRemb(long bps, long nowUs) {
        rembBps = bps;
        lastRembUs = nowUs;
    }

    /** One transport-wide CC feedback, {@code reader} already {@code reset} on it. */
    public void onTransportCc(TransportCcReader reader, long nowUs) {
        matcher.match(reader, history, batch);
        feedbacks++;
        lastFeedbackUs = nowUs;
        BandwidthUsage usage = detector.state();
        boolean newSignal = false;
        for (int i = 0; i < batch.count(); i++) {
            long send = batch.sendTimeUs(i);
            long arrival = batch.arrivalTimeUs(i);
            acked.onAcked(arrival, batch.size(i));
            long probe = probes.onAcked(batch.cluster(i), send, arrival, batch.size(i));
            if (probe > 0) {
                lastProbeResultBps = probe;
                if (probe > delayBased.rateBps()) {
                    delayBased.setRate(probe, nowUs);
                }
            }
            if (interArrival.onPacket(send, arrival)) {
                double trend = trendline.update(interArrival.sendDeltaUs(), interArrival.arrivalDeltaUs(),
                        interArrival.groupArrivalUs());
                usage = detector.detect(trend, interArrival.sendDeltaUs(), nowUs);
                newSignal = true;
            }
        }
        if (newSignal || batch.count() > 0) {
            delayBased.update(usage, acked.bitrateBps(), nowUs);
        }
        lossBased.onFeedback(batch.lost(), batch.count(), targetFromControllers(), nowUs);
    }

    private long targetFromControllers() {
        return Math.min(delayBased.rateBps(), lossBased.rateBps());
    }

    /** The current target send rate in bits per second. */
    public long estimateBps(long nowUs) {
        boolean twccActive = lastFeedbackUs != Long.MIN_VALUE && nowUs - lastFeedbackUs < options.rembFallbackUs();
        if (!twccActive && rembBps > 0) {
            return Math.max(options.minBps(), Math.min(options.maxBps(), rembBps));
        }
        return targetFromControllers();
    }

    /**
     * Whether anything measured the path recently: transport-wide feedback, or a REMB, within
     * the REMB fallback time. Without either the estimate is only the configured start value.
     */
    public boolean hasEstimate(long nowUs) {
        return (lastFeedbackUs != Long.MIN_VALUE && nowUs - lastFeedbackUs < options.rembFallbackUs())
                || (lastRembUs != Long.MIN_VALUE && nowUs - lastRembUs < options.rembFallbackUs());
    }

    public long delayBasedBps() {
        return delayBased.rateBps();
    }

    public long lossBasedBps() {
        return lossBased.rateBps();
    }

    /** Acknowledged bitrate, or -1 while unknown. */
    public long ackedBps() {
        return acked.bitrateBps();
    }

    public BandwidthUsage usage() {
        return detector.state();
    }

    /** The last probe cluster result, or -1. */
    public long lastProbeResultBps() {
        return lastProbeResultBps;
    }

    /**
     * Congestion signals acted on so far: decreases of the delay-based controller (over-use)
     * plus decreases of the loss-based one (more than 10 % loss). A caller that compares it
     * with its previous value learns whether the path pushed back since.
     */
    public long congestionEvents() {
        return delayBased.decreases() + lossBased.decreases();
    }

    /** Loss fraction of the loss controller's last interval. */
    public double lossFraction() {
        return lossBased.lossFraction();
    }

    public long feedbacks() {
        return feedbacks;
    }

    public FeedbackMatcher matcher() {
        return matcher;
    }
}
