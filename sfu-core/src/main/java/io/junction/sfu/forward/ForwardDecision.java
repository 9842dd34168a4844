package io.junction.sfu.forward;

/**
 * The result of {@link Forwarder#decide}: a verdict and, for {@link Verdict#FORWARD}, the output
 * sequence number and timestamp to write into the subscriber's copy.
 *
 * <p>Each {@link Forwarder} owns one instance and overwrites it on every decision (no allocation);
 * read it before the next call.
 */
public final class ForwardDecision {
    /** What to do with the packet for this subscription. */
    public enum Verdict {
        /** Send it with {@link #sequenceNumber()} / {@link #timestamp()}. */
        FORWARD,
        /** Video subscription not started (or switching) and this is not a keyframe start. */
        DROP_WAITING_FOR_KEYFRAME,
        /** This output seq was already sent. */
        DROP_DUPLICATE,
        /** Older than the current segment or the history window. */
        DROP_TOO_OLD,
        /** The subscription is paused. */
        DROP_PAUSED,
        /** The packet's SSRC is neither the current nor the selected source. */
        DROP_NOT_SELECTED
    }

    private Verdict verdict = Verdict.DROP_PAUSED;
    private int sequenceNumber;
    private long timestamp;
    private boolean segmentStart;

    ForwardDecision set(Verdict verdict, int sequenceNumber, long timestamp) {
        this.verdict = verdict;
        this.sequenceNumber = sequenceNumber;
        this.timestamp = timestamp;
        this.segmentStart = false;
        return this;
    }

    ForwardDecision segmentStart(boolean start) {
        this.segmentStart = start;
        return this;
    }

    /**
     * True for the first packet forwarded from a newly switched-to source (a layer switch, a
     * resume, the very first packet): codec numbering (VP8 PictureID...) restarts its offsets here.
     */
    public boolean segmentStart() {
        return segmentStart;
    }

    /** The verdict. */
    public Verdict verdict() {
        return verdict;
    }

    /** True if the verdict is {@link Verdict#FORWARD}. */
    public boolean forward() {
        return verdict == Verdict.FORWARD;
    }

    /** Output 16-bit sequence number (meaningful for FORWARD only). */
    public int sequenceNumber() {
        return sequenceNumber;
    }

    /** Output unsigned 32-bit timestamp (meaningful for FORWARD only). */
    public long timestamp() {
        return timestamp;
    }

    @Override
    public String toString() {
        return verdict == Verdict.FORWARD ? "FORWARD(seq=" + sequenceNumber + ", ts=" + timestamp + ")" : verdict.name();
    }
}
