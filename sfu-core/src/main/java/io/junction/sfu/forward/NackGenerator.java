package io.junction.sfu.forward;

/**
 * Detects lost packets of one incoming (publisher) stream and decides when to NACK them
 * (RFC 4585 §6.2.1 Generic NACK; the caller packs the seqs into PID+BLP entries).
 *
 * <p>{@link #onPacket} tracks the highest sequence number (extended, so 65535→0 is just +1) and
 * records every skipped number as missing; a late arrival removes it ("recovered"). {@link #collect}
 * emits the numbers due now: the first NACK after {@link Options#reorderDelayMs()}, each retry
 * after {@code max(rtt, minRetryIntervalMs)}; an entry is given up after {@code maxRetries} NACKs
 * or when older than {@code maxAgeMs}, and giving up raises {@link #takeKeyframeNeeded()}: the
 * receivers cannot decode past a hole that will never be filled, so only a keyframe helps (RFC 4585
 * §6.3.1). A gap larger than {@code maxGap}, or more missing packets than {@code capacity}, clears
 * the list and raises it too: a keyframe is cheaper than that many retransmissions.
 *
 * <p>Room worker thread only. Fixed-size arrays; nothing is allocated after construction.
 * Retransmitted packets (RFC 4588) must be passed with their original sequence number (OSN).
 */
public final class NackGenerator {

    /**
     * @param capacity           max missing entries kept, in [1, 4096]
     * @param maxGap             largest forward jump still NACKed, in [1, 16384]
     * @param maxRetries         NACKs per missing packet, in [1, 100]
     * @param minRetryIntervalMs floor of the retry spacing, in [1, 10000]
     * @param maxAgeMs           missing entries older than this are given up, in [1, 60000]
     * @param reorderDelayMs     wait before the first NACK (reordering allowance), in [0, 1000]
     * @param initialRttMs       RTT assumed until {@link #setRtt} is called, in [1, 10000]
     */
    public record Options(int capacity, int maxGap, int maxRetries, long minRetryIntervalMs,
                          long maxAgeMs, long reorderDelayMs, long initialRttMs) {
        public Options {
            Check.range("capacity", capacity, 1, 4096);
            Check.range("maxGap", maxGap, 1, 16384);
            Check.range("maxRetries", maxRetries, 1, 100);
            Check.range("minRetryIntervalMs", minRetryIntervalMs, 1, 10_000);
            Check.range("maxAgeMs", maxAgeMs, 1, 60_000);
            Check.range("reorderDelayMs", reorderDelayMs, 0, 1000);
            Check.range("initialRttMs", initialRttMs, 1, 10_000);
        }

        /** capacity 500, maxGap 500, 10 retries, 10 ms min interval, 1 s max age, no reorder delay, RTT 100 ms. */
        public static Options defaults() {
            return new Options(500, 500, 10, 10, 1000, 0, 100);
        }
    }

    private final Options options;
    private final long[] missing;   // extended seqs, ascending
    private final long[] firstMs;   // when the gap was seen
    private final long[] lastSentMs;
    private final int[] sent;       // NACKs sent so far
    private int count;
    private boolean started;
    private long highest;
    private long rttMs;
    private boolean keyframeNeeded;
    private long nacksSent;
    private long recovered;
    private long givenUp;
    private long overflows;

    /** A generator with the given options. */
    public NackGenerator(Options options) {
        this.options = options;
        int n = options.capacity();
        this.missing = new long[n];
        this.firstMs = new long[n];
        this.lastSentMs = new long[n];
        this.sent = new int[n];
        this.rttMs = options.initialRttMs();
    }

    /** Records the arrival of {@code seq} (16-bit) at {@code now} ms. */
    public void onPacket(int seq, long now) {
        seq &= 0xFFFF;
        if (!started) {
            started = true;
            highest = seq;
            return;
        }
        long ext = Seq16.unwrap(highest, seq);
        if (ext > highest) {
            long gap = ext - highest - 1;
            if (gap > options.maxGap() || count + gap > missing.length) {
                overflow();
            } else {
                for (long s = highest + 1; s < ext; s++) {
                    missing[count] = s;
                    firstMs[count] = now;
                    lastSentMs[count] = Long.MIN_VALUE;
                    sent[count] = 0;
                    count++;
                }
            }
            highest = ext;
        } else if (ext < highest) {
            int i = indexOf(ext);
            if (i >= 0) {
                remove(i);
                recovered++;
            }
        }
    }

    /**
     * Emits, in increasing order, the seqs to NACK at {@code now}, updating their retry state,
     * and drops entries that reached the retry cap or the maximum age.
     *
     * @return how many seqs were emitted
     */
    public int collect(long now, NackSink sink) {
        return collect(now, sink, null);
    }

    /**
     * Like {@link #collect(long, NackSink)} but writes the seqs into {@code out} (e.g. for
     * {@code io.junction.rtp.rtcp.Nack.write}); due seqs that don't fit stay due for the next call.
     *
     * @return how many seqs were written
     */
    public int collect(long now, int[] out) {
        return collect(now, null, out);
    }

    private int collect(long now, NackSink sink, int[] out) {
        long retryInterval = Math.max(rttMs, options.minRetryIntervalMs());
        int emitted = 0;
        int i = 0;
        while (i < count) {
            boolean expired = now - firstMs[i] > options.maxAgeMs();
            boolean due = sent[i] == 0
                    ? now - firstMs[i] >= options.reorderDelayMs()
                    : now - lastSentMs[i] >= retryInterval;
            if (expired || (due && sent[i] >= options.maxRetries())) {
                remove(i);
                givenUp++;
                keyframeNeeded = true;
                continue;
            }
            if (due && (out == null || emitted < out.length)) {
                sent[i]++;
                lastSentMs[i] = now;
                nacksSent++;
                int seq = (int) (missing[i] & 0xFFFF);
                if (out != null) {
                    out[emitted] = seq;
                } else {
                    sink.nack(seq);
                }
                emitted++;
            }
            i++;
        }
        return emitted;
    }

    /** Sets the round-trip time used to space retries (from {@link RttEstimator}). */
    public void setRtt(long rttMs) {
        this.rttMs = Math.max(1, rttMs);
    }

    /** Returns true once after an overflow asked for a keyframe instead of NACKs, then false. */
    public boolean takeKeyframeNeeded() {
        boolean k = keyframeNeeded;
        keyframeNeeded = false;
        return k;
    }

    /** Number of seqs currently considered missing. */
    public int missingCount() {
        return count;
    }

    /** Seqs emitted by {@link #collect} (each retry counts). */
    public long nacksSent() {
        return nacksSent;
    }

    /** Missing seqs that arrived later. */
    public long recovered() {
        return recovered;
    }

    /** Missing seqs abandoned (retry cap, age, or overflow). */
    public long givenUp() {
        return givenUp;
    }

    /** Times the list was cleared in favour of a keyframe request. */
    public long overflows() {
        return overflows;
    }

    private void overflow() {
        givenUp += count;
        count = 0;
        overflows++;
        keyframeNeeded = true;
    }

    private int indexOf(long ext) {
        int lo = 0;
        int hi = count - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long v = missing[mid];
            if (v < ext) {
                lo = mid + 1;
            } else if (v > ext) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    private void remove(int i) {
        int tail = count - i - 1;
        if (tail > 0) {
            System.arraycopy(missing, i + 1, missing, i, tail);
            System.arraycopy(firstMs, i + 1, firstMs, i, tail);
            System.arraycopy(lastSentMs, i + 1, lastSentMs, i, tail);
            System.arraycopy(sent, i + 1, sent, i, tail);
        }
        count--;
    }
}
