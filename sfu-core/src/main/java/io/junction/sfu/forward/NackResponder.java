package io.junction.sfu.forward;

import io.junction.rtp.BufferPool;
import io.junction.rtp.PacketBuffer;
import io.junction.rtp.RtpHeader;
import io.junction.rtp.RtpPacket;

/**
 * Answers one subscriber's NACKs (RFC 4585 §6.2.1) from the shared {@link RetransmissionBuffer}s.
 *
 * <p>The subscriber NACKs seqs of <em>its</em> output numbering; {@link SequenceRewriter#lookup}
 * maps each back to the source (ssrc, seq) and timestamp offset. The stored packet is copied into a
 * buffer from the pool and rewritten:
 * <ul>
 *   <li>with RTX negotiated (RFC 4588 §4): SSRC and PT of the RTX stream, the RTX stream's own
 *       sequence counter, the original (rewritten) timestamp, and payload = 2-byte OSN (the
 *       subscriber-space seq that was NACKed) + the original payload; the original padding is
 *       dropped and the P bit cleared;</li>
 *   <li>otherwise a plain resend: the same packet as first forwarded (output SSRC, PT, seq, ts).</li>
 * </ul>
 * A seq answered less than one RTT ago is suppressed (the first answer may still be in flight),
 * and at most {@code maxPerNack} seqs are answered between {@link #beginNack()} calls.
 * Header extensions are copied as stored (the forwarding path's extension-id rewrite is not applied).
 *
 * <p>Room worker thread only; allocation-free once the pool is warm.
 */
public final class NackResponder {
    /** Outcome of {@link #respond}. */
    public enum Result { SERVED, MISSING, SUPPRESSED, CAPPED, NO_BUFFER }

    private final BufferPool pool;
    private final long outputSsrc;
    private final int outputPayloadType;
    private final boolean rtx;
    private final long rtxSsrc;
    private final int rtxPayloadType;
    private final int maxPerNack;
    private final int[] sentTag;      // output seq answered in this slot, or -1
    private final long[] sentMs;
    private final int sentMask;
    private final RtpPacket view = new RtpPacket();
    private int rtxSeq;
    private long rttMs = 100;
    private int inThisNack;
    private long served;
    private long missing;
    private long suppressed;
    private long capped;
    private long noBuffer;

    /**
     * @param pool              where retransmission buffers come from
     * @param outputSsrc        the subscriber stream's SSRC
     * @param outputPayloadType the subscriber's payload type for the codec, in [0, 127]
     * @param rtxSsrc           the RTX stream's SSRC (ignored unless {@code rtxPayloadType >= 0})
     * @param rtxPayloadType    the negotiated RTX payload type in [0, 127], or -1 for no RTX
     * @param rtxInitialSeq     first RTX sequence number, in [0, 65535] (pick it at random)
     * @param maxPerNack        seqs answered per NACK packet, in [1, 1024]
     */
    public NackResponder(BufferPool pool, long outputSsrc, int outputPayloadType,
                         long rtxSsrc, int rtxPayloadType, int rtxInitialSeq, int maxPerNack) {
        Check.range("outputPayloadType", outputPayloadType, 0, 127);
        Check.range("rtxPayloadType", rtxPayloadType, -1, 127);
        Check.range("rtxInitialSeq", rtxInitialSeq, 0, 65535);
        Check.range("maxPerNack", maxPerNack, 1, 1024);
        this.pool = pool;
        this.outputSsrc = outputSsrc;
        this.outputPayloadType = outputPayloadType;
        this.rtx = rtxPayloadType >= 0;
        this.rtxSsrc = rtxSsrc;
        this.rtxPayloadType = rtxPayloadType;
        this.rtxSeq = rtxInitialSeq;
        this.maxPerNack = maxPerNack;
        this.sentTag = new int[1024];
        this.sentMs = new long[1024];
        this.sentMask = 1023;
        java.util.Arrays.fill(sentTag, -1);
    }

    /** Sets the subscriber's RTT, the suppression window for repeated NACKs of one seq. */
    public void setRtt(long rttMs) {
        this.rttMs = Math.max(0, rttMs);
    }

    /** Starts a new incoming NACK packet (resets the per-NACK cap). */
    public void beginNack() {
        inThisNack = 0;
    }

    /**
     * Answers one NACKed seq.
     *
     * @param outSeq   seq in the subscriber's numbering
     * @param now      ms
     * @param rewriter the subscription's rewriter (reverse map)
     * @param sources  the source streams' retransmission buffers
     * @param sink     receives the built packet (and its ownership)
     */
    public Result respond(int outSeq, long now, SequenceRewriter rewriter,
                          RetransmissionSource sources, RetransmissionSink sink) {
        outSeq &= 0xFFFF;
        if (inThisNack >= maxPerNack) {
            capped++;
            return Result.CAPPED;
        }
        int slot = outSeq & sentMask;
        if (sentTag[slot] == outSeq && now - sentMs[slot] < rttMs) {
            suppressed++;
            return Result.SUPPRESSED;
        }
        RetransmissionBuffer store = rewriter.lookup(outSeq) ? sources.bufferFor(rewriter.foundSourceSsrc()) : null;
        PacketBuffer original = store == null ? null : store.get(rewriter.foundSourceSequence(), now);
        if (original == null || !view.wrap(original)) {
            missing++;
            return Result.MISSING;
        }
        PacketBuffer out = pool.tryAcquire();
        if (out == null) {
            noBuffer++;
            return Result.NO_BUFFER;
        }
        long ts = (view.timestamp() + rewriter.foundTimestampOffset()) & 0xFFFFFFFFL;
        if (!(rtx ? buildRtx(out, outSeq, ts) : buildResend(out, outSeq, ts))) {
            out.release();
            noBuffer++;
            return Result.NO_BUFFER;
        }
        inThisNack++;
        sentTag[slot] = outSeq;
        sentMs[slot] = now;
        served++;
        sink.send(out, rtx);
        return Result.SERVED;
    }

    private boolean buildResend(PacketBuffer out, int outSeq, long ts) {
        if (out.headroom() + view.length() > out.capacity()) {
            return false;
        }
        out.copyFrom(view.array(), view.offset(), view.length());
        byte[] b = out.array();
        int o = out.offset();
        RtpHeader.setSsrc(b, o, outputSsrc);
        RtpHeader.setSequenceNumber(b, o, outSeq);
        RtpHeader.setTimestamp(b, o, ts);
        RtpHeader.setPayloadType(b, o, outputPayloadType);
        return true;
    }

    /** RFC 4588 §4: header | OSN (2 bytes) | original payload; original padding dropped. */
    private boolean buildRtx(PacketBuffer out, int outSeq, long ts) {
        int header = view.headerLength();
        int payload = view.payloadLength();
        int total = header + 2 + payload;
        if (out.headroom() + total > out.capacity()) {
            return false;
        }
        byte[] src = view.array();
        out.copyFrom(src, view.offset(), header);
        byte[] b = out.array();
        int o = out.offset();
        b[o + header] = (byte) (outSeq >>> 8);
        b[o + header + 1] = (byte) outSeq;
        System.arraycopy(src, view.payloadOffset(), b, o + header + 2, payload);
        out.setLength(total);
        b[o] &= (byte) ~0x20; // RFC 3550 §5.1: P bit, no padding in the RTX packet
        RtpHeader.setSsrc(b, o, rtxSsrc);
        RtpHeader.setSequenceNumber(b, o, rtxSeq);
        RtpHeader.setTimestamp(b, o, ts);
        RtpHeader.setPayloadType(b, o, rtxPayloadType);
        rtxSeq = (rtxSeq + 1) & 0xFFFF;
        return true;
    }

    /** Seqs answered. */
    public long served() {
        return served;
    }

    /** Seqs not answerable: unknown output seq, source gone, or not in the retransmission buffer. */
    public long missing() {
        return missing;
    }

    /** Seqs not answered again because the previous answer is less than one RTT old. */
    public long suppressed() {
        return suppressed;
    }

    /** Seqs beyond the per-NACK cap. */
    public long capped() {
        return capped;
    }

    /** Seqs not answered for lack of a pooled buffer (or one too small). */
    public long noBuffer() {
        return noBuffer;
    }

    /** The next RTX sequence number. */
    public int nextRtxSequence() {
        return rtxSeq;
    }

    /** Takes the next RTX sequence number for a packet sent outside NACK answers (probe padding). */
    public int takeRtxSequence() {
        int s = rtxSeq;
        rtxSeq = (rtxSeq + 1) & 0xFFFF;
        return s;
    }
}
