package io.junction.sfu.forward;

/**
 * Maps a source stream's (ssrc, seq, timestamp) into one subscriber's continuous output numbering.
 *
 * <p>The output is a sequence of <em>segments</em>. {@link #switchTo} starts a segment at a source
 * packet (the first packet after a layer switch, SSRC change or resume, normally a keyframe): its
 * output seq is the last output seq + 1 and its output timestamp the last output timestamp advanced
 * by the wall-clock time elapsed since then ({@code elapsedMs × clockRate / 1000}, at least 1), or, at a
 * switch to another source with a {@link TimestampAligner}, by the capture-time distance the sources'
 * sender reports give, so the subscriber sees neither a seq hole nor a timestamp jump (RFC 3550 §5.1,
 * RFC 7667 §3.7).
 * Within a segment the mapping is a constant offset, so late, reordered and retransmitted source
 * packets land on the output seq they would have had; packets from before the segment start are
 * too old. Sequence numbers are handled extended (64-bit), so 65535→0 is ordinary.
 *
 * <p>A ring of the last {@code historySize} output seqs remembers what was sent (duplicate detection)
 * and where it came from ({@link #lookup}, used by {@link NackResponder} to answer NACKs).
 *
 * <p>Room worker thread only; allocation-free after construction.
 */
public final class SequenceRewriter {
    /** {@link #map} result: mapped, read {@link #outputSequence()} and {@link #outputTimestamp()}. */
    public static final int MAPPED = 0;
    /** {@link #map} result: this output seq was already produced. */
    public static final int DUPLICATE = 1;
    /** {@link #map} result: before the segment start or beyond the history window. */
    public static final int TOO_OLD = 2;

    /** A sender-report alignment larger than this is not trusted beyond it. */
    static final int MAX_ALIGN_S = 5;
    private final int clockRate;
    private final int mask;
    private TimestampAligner aligner;
    private long alignedSwitches;
    private final long[] tag;        // extended output seq held by the slot, or -1
    private final long[] slotSrcSsrc;
    private final int[] slotSrcSeq;
    private final long[] slotTsOffset;

    private boolean hasSource;
    private long sourceSsrc;
    private long highestSrcExt;
    private long segmentSrcStart;
    private long segmentOutStart;
    private long tsOffset;
    private boolean started;
    private long lastOutExt = -1;
    private long lastOutTs;
    private long lastOutMs;

    private int outSeq;
    private long outTs;
    private long foundSsrc;
    private int foundSeq;
    private long foundTsOffset;

    /**
     * @param clockRate   RTP clock rate of the stream in Hz, in [1, 1_000_000] (90000 video, 48000 Opus)
     * @param historySize output seqs remembered, a power of two in [16, 32768]
     */
    public SequenceRewriter(int clockRate, int historySize) {
        Check.range("clockRate", clockRate, 1, 1_000_000);
        Check.range("historySize", historySize, 16, 32768);
        if (Integer.bitCount(historySize) != 1) {
            throw new IllegalArgumentException("historySize must be a power of two in [16, 32768], was " + historySize);
        }
        this.clockRate = clockRate;
        this.mask = historySize - 1;
        this.tag = new long[historySize];
        java.util.Arrays.fill(tag, -1L);
        this.slotSrcSsrc = new long[historySize];
        this.slotSrcSeq = new int[historySize];
        this.slotTsOffset = new long[historySize];
    }

    /**
     * Starts a new segment whose first packet is the source packet ({@code ssrc}, {@code seq}, {@code ts})
     * at {@code now} ms. The very first segment keeps the source numbering (offsets 0). Call
     * {@link #map} for the packet afterwards.
     */
    public void switchTo(long ssrc, int seq, long ts, long now) {
        seq &= 0xFFFF;
        long outStart;
        long outStartTs;
        if (!started) {
            outStart = seq;
            outStartTs = ts & 0xFFFFFFFFL;
        } else {
            outStart = lastOutExt + 1;
            long ticks = Math.max(1, (now - lastOutMs) * clockRate / 1000);
            if (aligner != null && hasSource && ssrc != sourceSsrc) {
                long lastSrcTs = (lastOutTs - tsOffset) & 0xFFFFFFFFL;
                long captured = aligner.ticksBetween(sourceSsrc, lastSrcTs, ssrc, ts & 0xFFFFFFFFL);
                if (captured != TimestampAligner.UNKNOWN) {
                    // capture-time distance, at least one tick forward, at most MAX_ALIGN_S seconds
                    ticks = Math.min(Math.max(1, captured), (long) MAX_ALIGN_S * clockRate);
                    alignedSwitches++;
                }
            }
            outStartTs = (lastOutTs + ticks) & 0xFFFFFFFFL;
        }
        hasSource = true;
        sourceSsrc = ssrc;
        highestSrcExt = seq;
        segmentSrcStart = seq;
        segmentOutStart = outStart;
        tsOffset = (outStartTs - ts) & 0xFFFFFFFFL;
    }

    /**
     * Maps a packet of the current source.
     *
     * @return {@link #MAPPED}, {@link #DUPLICATE} or {@link #TOO_OLD}
     * @throws IllegalStateException if no segment was started
     */
    public int map(int seq, long ts, long now) {
        if (!hasSource) {
            throw new IllegalStateException("map before switchTo");
        }
        long srcExt = Seq16.unwrap(highestSrcExt, seq & 0xFFFF);
        if (srcExt < segmentSrcStart) {
            return TOO_OLD;
        }
        long outExt = srcExt - segmentSrcStart + segmentOutStart;
        if (started && outExt <= lastOutExt - tag.length) {
            return TOO_OLD;
        }
        int slot = (int) (outExt & mask);
        if (tag[slot] == outExt) {
            return DUPLICATE;
        }
        long ots = (ts + tsOffset) & 0xFFFFFFFFL;
        tag[slot] = outExt;
        slotSrcSsrc[slot] = sourceSsrc;
        slotSrcSeq[slot] = seq & 0xFFFF;
        slotTsOffset[slot] = tsOffset;
        if (srcExt > highestSrcExt) {
            highestSrcExt = srcExt;
        }
        if (!started || outExt > lastOutExt) {
            started = true;
            lastOutExt = outExt;
            lastOutTs = ots;
            lastOutMs = now;
        }
        outSeq = (int) (outExt & 0xFFFF);
        outTs = ots;
        return MAPPED;
    }

    /**
     * Relates the sources' timestamps by capture time at switches between different sources (see
     * {@link TimestampAligner}); without one, or when it answers {@link TimestampAligner#UNKNOWN},
     * the new segment's timestamp advances by the wall-clock time elapsed since the last packet.
     */
    public void setAligner(TimestampAligner aligner) {
        this.aligner = aligner;
    }

    /** Switches whose timestamp came from the aligner. */
    public long alignedSwitches() {
        return alignedSwitches;
    }

    /** Output seq of the last {@link #MAPPED} packet. */
    public int outputSequence() {
        return outSeq;
    }

    /** Output timestamp (unsigned 32-bit) of the last {@link #MAPPED} packet. */
    public long outputTimestamp() {
        return outTs;
    }

    /** True once {@link #switchTo} was called. */
    public boolean hasSource() {
        return hasSource;
    }

    /** SSRC of the current segment's source. */
    public long sourceSsrc() {
        return sourceSsrc;
    }

    /**
     * Reverse map for NACKs: finds the source packet behind output seq {@code outSeq}, either one
     * produced within the history window or, in the current segment, one not (yet) produced.
     * On success read {@link #foundSourceSsrc()}, {@link #foundSourceSequence()} and
     * {@link #foundTimestampOffset()}.
     */
    public boolean lookup(int outSeq) {
        if (!started) {
            return false;
        }
        long outExt = Seq16.unwrap(lastOutExt, outSeq & 0xFFFF);
        if (outExt > lastOutExt || outExt <= lastOutExt - tag.length) {
            return false;
        }
        int slot = (int) (outExt & mask);
        if (tag[slot] == outExt) {
            foundSsrc = slotSrcSsrc[slot];
            foundSeq = slotSrcSeq[slot];
            foundTsOffset = slotTsOffset[slot];
            return true;
        }
        if (hasSource && outExt >= segmentOutStart) {
            foundSsrc = sourceSsrc;
            foundSeq = (int) ((outExt - segmentOutStart + segmentSrcStart) & 0xFFFF);
            foundTsOffset = tsOffset;
            return true;
        }
        return false;
    }

    /** Source SSRC found by the last successful {@link #lookup}. */
    public long foundSourceSsrc() {
        return foundSsrc;
    }

    /** Source seq found by the last successful {@link #lookup}. */
    public int foundSourceSequence() {
        return foundSeq;
    }

    /** Output ts = (source ts + this) mod 2^32, for the packet found by the last {@link #lookup}. */
    public long foundTimestampOffset() {
        return foundTsOffset;
    }
}
