package io.junction.sfu.forward;

import io.junction.sfu.forward.ForwardDecision.Verdict;

/**
 * Per-subscription forwarding decision: which source packets this subscriber gets, and with which
 * output seq/timestamp (DESIGN "How a packet flows": per Subscription rewrite).
 *
 * <p>The subscription has a <em>selected</em> source SSRC ({@link #select}). Switching to it —
 * at the start, after {@link #select} with another SSRC (simulcast layer switch, publisher SSRC
 * change) and after {@link #resume()} — happens on a keyframe for video and on the next packet
 * for audio; until then a video subscription keeps forwarding the previous source, if any, and
 * drops the selected one with {@link Verdict#DROP_WAITING_FOR_KEYFRAME}. A {@link SequenceRewriter}
 * keeps the output continuous across switches; dropped frames before the switching keyframe leave
 * no seq hole.
 *
 * <p>{@link #decide} mutates only this object's state, does no I/O, and allocates nothing.
 * Room worker thread only.
 */
public final class Forwarder {
    private final boolean video;
    private final SequenceRewriter rewriter;
    private final ForwardDecision decision = new ForwardDecision();
    private final long[] counts = new long[Verdict.values().length];
    private long selected;
    private boolean switchPending = true;
    private boolean paused;
    /** The current segment's source may flow (false after a pause until the next switch). */
    private boolean sourceLive;

    /**
     * @param video       true for video (start on keyframes), false for audio (start at once)
     * @param sourceSsrc  initially selected source SSRC
     * @param clockRate   RTP clock rate in Hz, in [1, 1_000_000]
     * @param historySize output seqs remembered for duplicates and NACKs (power of two, [16, 32768])
     */
    public Forwarder(boolean video, long sourceSsrc, int clockRate, int historySize) {
        this.video = video;
        this.selected = sourceSsrc;
        this.rewriter = new SequenceRewriter(clockRate, historySize);
    }

    /**
     * Decides the fate of one source packet for this subscription.
     *
     * @param ssrc     the packet's SSRC
     * @param seq      its 16-bit sequence number
     * @param ts       its 32-bit timestamp (as unsigned long or int bits; masked)
     * @param keyframe true if the packet starts a keyframe ({@link KeyframeDetector})
     * @param now      arrival time in ms
     * @return this forwarder's reused decision object
     */
    public ForwardDecision decide(long ssrc, int seq, long ts, boolean keyframe, long now) {
        if (paused) {
            return count(Verdict.DROP_PAUSED);
        }
        boolean segmentStart = false;
        if (switchPending && ssrc == selected) {
            if (video && !keyframe) {
                return count(Verdict.DROP_WAITING_FOR_KEYFRAME);
            }
            rewriter.switchTo(ssrc, seq, ts, now);
            switchPending = false;
            segmentStart = true;
            sourceLive = true;
        } else if (!sourceLive || !rewriter.hasSource() || ssrc != rewriter.sourceSsrc()) {
            return count(Verdict.DROP_NOT_SELECTED);
        }
        switch (rewriter.map(seq, ts, now)) {
            case SequenceRewriter.MAPPED:
                counts[Verdict.FORWARD.ordinal()]++;
                return decision.set(Verdict.FORWARD, rewriter.outputSequence(), rewriter.outputTimestamp())
                        .segmentStart(segmentStart);
            case SequenceRewriter.DUPLICATE:
                return count(Verdict.DROP_DUPLICATE);
            default:
                return count(Verdict.DROP_TOO_OLD);
        }
    }

    /**
     * Selects the source to forward (e.g. another simulcast layer). Video switches at that
     * source's next keyframe; meanwhile the current source keeps flowing. Selecting the source
     * that flows now calls a pending switch off at once.
     */
    public void select(long ssrc) {
        if (sourceLive && !paused && rewriter.hasSource() && ssrc == rewriter.sourceSsrc()) {
            // back to the source that flows now (a switch called off before its keyframe): nothing to wait for
            selected = ssrc;
            switchPending = false;
            return;
        }
        if (ssrc != selected || !rewriter.hasSource() || ssrc != rewriter.sourceSsrc()) {
            selected = ssrc;
            switchPending = true;
        }
    }

    /** Stops forwarding; everything is dropped with {@link Verdict#DROP_PAUSED}. */
    public void pause() {
        paused = true;
        sourceLive = false; // after the gap the decoder needs a keyframe, whichever layer it comes from
    }

    /** Resumes forwarding; video restarts at the next keyframe, output stays continuous. */
    public void resume() {
        if (paused) {
            paused = false;
            switchPending = true;
        }
    }

    /** True while a video switch waits for a keyframe: ask the track's {@link KeyframeRequester}. */
    public boolean needsKeyframe() {
        return video && switchPending && !paused;
    }

    /** The selected source SSRC. */
    public long selectedSsrc() {
        return selected;
    }

    /** The rewriter (reverse map for {@link NackResponder}). */
    public SequenceRewriter rewriter() {
        return rewriter;
    }

    /** Packets decided with {@code verdict} so far. */
    public long countOf(Verdict verdict) {
        return counts[verdict.ordinal()];
    }

    private ForwardDecision count(Verdict verdict) {
        counts[verdict.ordinal()]++;
        return decision.set(verdict, 0, 0);
    }
}
