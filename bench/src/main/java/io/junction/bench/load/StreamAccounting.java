package io.junction.bench.load;

/**
 * Receive-side accounting of one RTP stream by sequence number (RFC 3550 §A.1 extension of the
 * 16-bit number): packets, duplicates, reordering, gaps, repairs and final loss.
 *
 * <p>A gap is counted the first time a higher number shows it ("loss before repair"); the missing
 * number is then offered for NACK (RFC 4585 §6.2.1) through {@link #collectNacks}. A number still
 * missing {@code grace} after its gap was seen is final loss ("loss after repair"). Not
 * thread-safe: the owner serialises calls. Allocation-free.
 */
public final class StreamAccounting {
    /** Outcome of {@link #onPacket}. */
    public enum Outcome { NEW, REPAIRED, DUPLICATE, TOO_LATE }

    private static final int WINDOW = 4096;
    private static final int MASK = WINDOW - 1;

    private final boolean[] got = new boolean[WINDOW];
    private final long[] gapAt = new long[WINDOW];
    private final long[] nackedAt = new long[WINDOW];
    private final byte[] nacks = new byte[WINDOW];
    private long first = -1;
    private long highest;
    private long finalized;
    private long received;
    private long duplicates;
    private long outOfOrder;
    private long gaps;
    private long repaired;
    private long lostAfterRepair;
    private long tooLate;

    /**
     * Records a packet with 16-bit sequence number {@code seq} arriving at {@code now} (ns);
     * {@code retransmission} marks an RTX copy (RFC 4588), which repairs but is never "reordered".
     */
    public Outcome onPacket(int seq, long now, boolean retransmission) {
        if (first < 0) {
            first = (seq & 0xFFFF) + 0x10000L;
            highest = first;
            finalized = first;
            mark(first);
            received++;
            return Outcome.NEW;
        }
        long ext = highest + (short) ((seq & 0xFFFF) - (int) (highest & 0xFFFF));
        if (ext > highest) {
            while (ext - finalized >= WINDOW) {
                finalizeOne(true);
            }
            for (long e = Math.max(highest + 1, finalized); e < ext; e++) {
                int s = (int) (e & MASK);
                got[s] = false;
                gapAt[s] = now == 0 ? 1 : now;
                nacks[s] = 0;
                gaps++;
            }
            gaps += Math.max(0, finalized - highest - 1); // skipped past the window: counted, already final
            highest = ext;
            mark(ext);
            received++;
            return Outcome.NEW;
        }
        if (ext < finalized) {
            tooLate++;
            return Outcome.TOO_LATE;
        }
        int s = (int) (ext & MASK);
        if (got[s]) {
            duplicates++;
            return Outcome.DUPLICATE;
        }
        got[s] = true;
        received++;
        if (!retransmission) {
            outOfOrder++;
        }
        if (gapAt[s] != 0) {
            repaired++;
            return Outcome.REPAIRED;
        }
        return Outcome.NEW;
    }

    private void mark(long ext) {
        int s = (int) (ext & MASK);
        got[s] = true;
        gapAt[s] = 0;
        nacks[s] = 0;
    }

    /** Settles numbers whose gap is older than {@code graceNanos}: still missing means lost. */
    public void tick(long now, long graceNanos) {
        while (first >= 0 && finalized <= highest) {
            int s = (int) (finalized & MASK);
            if (!got[s] && now - gapAt[s] < graceNanos) {
                return;
            }
            finalizeOne(false);
        }
    }

    /** Settles everything received so far (end of run, after the grace wait). */
    public void settleAll() {
        while (first >= 0 && finalized <= highest) {
            finalizeOne(false);
        }
    }

    private void finalizeOne(boolean forced) {
        int s = (int) (finalized & MASK);
        if (!got[s] && (forced || finalized <= highest)) {
            lostAfterRepair++;
        }
        got[s] = false;
        gapAt[s] = 0;
        finalized++;
    }

    /**
     * Writes into {@code out} the 16-bit numbers to NACK now: missing, not yet NACKed
     * {@code maxTries} times, and not NACKed within {@code retryNanos}; returns how many.
     */
    public int collectNacks(long now, long retryNanos, int maxTries, int[] out) {
        int n = 0;
        for (long e = finalized; e <= highest && n < out.length && first >= 0; e++) {
            int s = (int) (e & MASK);
            if (got[s] || nacks[s] >= maxTries || (nacks[s] > 0 && now - nackedAt[s] < retryNanos)) {
                continue;
            }
            nacks[s]++;
            nackedAt[s] = now;
            out[n++] = (int) (e & 0xFFFF);
        }
        return n;
    }

    /** Numbers expected so far: highest − first + 1 (0 before the first packet). */
    public long expected() {
        return first < 0 ? 0 : highest - first + 1;
    }

    /** Numbers settled so far (received, or missing past the grace window). */
    public long settled() {
        return first < 0 ? 0 : finalized - first;
    }

    /** Extended highest sequence number received (RFC 3550 §6.4.1), 0 before any. */
    public long extendedHighest() {
        return first < 0 ? 0 : highest - 0x10000L;
    }

    public long received() {
        return received;
    }

    public long duplicates() {
        return duplicates;
    }

    public long outOfOrder() {
        return outOfOrder;
    }

    /** Gaps seen the first time (loss before repair). */
    public long gaps() {
        return gaps;
    }

    /** Gaps filled later, by a late original or a retransmission. */
    public long repaired() {
        return repaired;
    }

    /** Missing after the grace window (loss after repair). */
    public long lostAfterRepair() {
        return lostAfterRepair;
    }

    /** Packets that arrived after their number was settled. */
    public long tooLate() {
        return tooLate;
    }
}
