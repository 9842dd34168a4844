package io.junction.sfu.forward;

/**
 * Aggregates keyframe requests for one published video track into throttled upstream PLI/FIR.
 *
 * <p>Subscribers' PLI/FIR, a new subscriber, and {@link NackGenerator} overflow all call
 * {@link #request(long)}. While a request is pending, {@link #poll(long)} returns a PLI (or FIR when
 * the publisher negotiated only {@code ccm fir}) at most once per {@code minIntervalMs}, repeating
 * until {@link #onKeyframe(long)} clears it. FIR sequence numbers (RFC 5104 §4.3.1.1) grow by one per
 * new request; repetitions of a pending request reuse the number.
 *
 * <p>Room worker thread only; allocation-free.
 */
public final class KeyframeRequester {
    private final long minIntervalMs;
    private final boolean useFir;
    private boolean pending;
    private boolean sentForPending;
    private boolean everSent;
    private long lastSentMs;
    private int firSeq = -1;
    private long requests;
    private long sent;
    private long keyframes;

    /**
     * @param minIntervalMs minimum spacing of upstream requests, in [1, 10000] (300 is typical)
     * @param useFir        true to send FIR (publisher supports {@code ccm fir} but not {@code nack pli})
     */
    public KeyframeRequester(long minIntervalMs, boolean useFir) {
        Check.range("minIntervalMs", minIntervalMs, 1, 10_000);
        this.minIntervalMs = minIntervalMs;
        this.useFir = useFir;
    }

    /** Asks for a keyframe (idempotent while one is pending). */
    public void request(long now) {
        requests++;
        if (!pending) {
            pending = true;
            sentForPending = false;
        }
    }

    /** Returns what to send upstream now, or {@link KeyframeRequest#NONE}. */
    public KeyframeRequest poll(long now) {
        if (!pending || (everSent && now - lastSentMs < minIntervalMs)) {
            return KeyframeRequest.NONE;
        }
        if (useFir && !sentForPending) {
            firSeq = (firSeq + 1) & 0xFF;
        }
        sentForPending = true;
        everSent = true;
        lastSentMs = now;
        sent++;
        return useFir ? KeyframeRequest.FIR : KeyframeRequest.PLI;
    }

    /** A keyframe arrived from the publisher: the pending request is satisfied. */
    public void onKeyframe(long now) {
        keyframes++;
        pending = false;
        sentForPending = false;
    }

    /** True while a request waits for a keyframe. */
    public boolean pending() {
        return pending;
    }

    /** The 8-bit FIR command sequence number to put in the FIR just polled. */
    public int firSequenceNumber() {
        return Math.max(firSeq, 0);
    }

    /** Calls to {@link #request}. */
    public long requests() {
        return requests;
    }

    /** PLI/FIR returned by {@link #poll}. */
    public long sent() {
        return sent;
    }

    /** Keyframes reported by {@link #onKeyframe}. */
    public long keyframes() {
        return keyframes;
    }
}
