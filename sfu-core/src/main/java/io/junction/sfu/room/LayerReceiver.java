package io.junction.sfu.room;

import io.junction.rtp.RtpPacket;
import io.junction.rtp.rtcp.Fir;
import io.junction.rtp.rtcp.Nack;
import io.junction.rtp.rtcp.Pli;
import io.junction.sfu.forward.KeyframeRequest;
import io.junction.sfu.forward.KeyframeRequester;
import io.junction.sfu.forward.NackGenerator;
import io.junction.sfu.forward.ReceiveStats;
import io.junction.sfu.forward.RetransmissionBuffer;
import io.junction.sfu.forward.TimestampAligner;
import io.junction.sfu.forward.Vp8Keyframe;

import java.nio.charset.StandardCharsets;

/**
 * The receive side of one incoming RTP stream of a published track (its only stream, or one
 * simulcast layer): its SSRCs (signalled, or learned from the RID extensions on first sight),
 * the retransmission store, loss detection (NACK) and keyframe requests upstream (PLI/FIR
 * toward this stream's SSRC only), and its statistics: bitrate, frame rate, frame height when
 * the codec tells it (VP8 keyframes), and whether it is active (a packet in the last
 * {@link #INACTIVE_AFTER_MS}). Room worker thread only; allocation-free per packet.
 */
public final class LayerReceiver {
    /** A layer without a packet for this long counts as paused by the publisher. */
    public static final long INACTIVE_AFTER_MS = 1000;

    private final int index;
    private final String rid;
    private final byte[] ridBytes;
    private final int maxHeight;
    private final boolean vp8;
    private long ssrc;
    private long rtxSsrc;
    private final RetransmissionBuffer buffer;
    private final NackGenerator nacks;
    private final KeyframeRequester keyframes;
    private final ReceiveStats stats;
    private final int[] nackSeqs = new int[256];
    private int nackCount;
    private final io.junction.sfu.forward.NackSink nackCollector = this::collectNack;
    private long packetsIn;
    private long bytesIn;
    private long rateSince;
    private long rateBytes;
    private long rateFrames;
    private long bitrateBps;
    private int frameRate;
    private long frames;
    private boolean haveTs;
    private long lastTs;
    private int height = -1;
    private long lastPacketMs = Long.MIN_VALUE;
    private boolean activeAtTick;
    private boolean haveSr;
    private long srNtp;
    private long srRtp;
    private long nacksSent;
    private long pliSent;
    private long firSent;

    LayerReceiver(int index, LayerSource src, TrackSource track, RoomOptions options) {
        this.index = index;
        this.rid = src.rid();
        this.ridBytes = src.rid() == null ? null : src.rid().getBytes(StandardCharsets.US_ASCII);
        this.maxHeight = src.maxHeight();
        this.vp8 = "VP8".equalsIgnoreCase(track.codecName());
        this.ssrc = src.ssrc();
        this.rtxSsrc = src.rtxSsrc();
        this.buffer = new RetransmissionBuffer(options.retransmissionPackets(), options.retransmissionMaxAgeMs());
        this.nacks = new NackGenerator(NackGenerator.Options.defaults());
        this.keyframes = new KeyframeRequester(options.keyframeMinIntervalMs(), track.firOnly());
        this.stats = new ReceiveStats(track.clockRate());
    }

    /** Its position in the track, 0 = lowest layer. */
    public int index() {
        return index;
    }

    /** Its rid, or null. */
    public String rid() {
        return rid;
    }

    byte[] ridBytes() {
        return ridBytes;
    }

    /** The media SSRC, -1 until learned. */
    public long ssrc() {
        return ssrc;
    }

    /** The RTX SSRC, -1 when unknown. */
    public long rtxSsrc() {
        return rtxSsrc;
    }

    void learnSsrc(long s) {
        this.ssrc = s;
    }

    void learnRtxSsrc(long s) {
        this.rtxSsrc = s;
    }

    /** One packet of this stream (after payload-type checks). */
    void onPacket(RtpPacket p, boolean keyframe, long now) {
        packetsIn++;
        bytesIn += p.length();
        lastPacketMs = now;
        int seq = p.sequenceNumber();
        long ts = p.timestamp();
        nacks.onPacket(seq, now);
        stats.onPacket(seq, ts, now);
        if (!haveTs || ts != lastTs) {
            haveTs = true;
            lastTs = ts;
            frames++;
        }
        if (keyframe) {
            keyframes.onKeyframe(now);
            if (vp8) {
                int h = Vp8Keyframe.height(p.array(), p.payloadOffset(), p.payloadLength());
                if (h > 0) {
                    height = h;
                }
            }
        }
    }

    /** Periodic work: rates, NACKs and keyframe requests toward this stream's SSRC. */
    void tick(long now, MediaSender upstream, long localSsrc, byte[] rtcpOut, boolean video) {
        activeAtTick = isActive(now);
        if (now - rateSince >= 1000) {
            long span = Math.max(1, now - rateSince);
            bitrateBps = (bytesIn - rateBytes) * 8000 / span;
            frameRate = (int) ((frames - rateFrames) * 1000 / span);
            rateSince = now;
            rateBytes = bytesIn;
            rateFrames = frames;
        }
        if (ssrc < 0) {
            return;
        }
        nackCount = 0;
        nacks.collect(now, nackCollector);
        if (nackCount > 0) {
            int len = Nack.write(rtcpOut, 0, localSsrc, ssrc, nackSeqs, 0, nackCount);
            upstream.sendRtcp(rtcpOut, 0, len);
            nacksSent++;
        }
        if (nacks.takeKeyframeNeeded() && video) { // audio has no keyframes
            keyframes.request(now);
        }
        KeyframeRequest r = keyframes.poll(now);
        if (r == KeyframeRequest.PLI) {
            int len = Pli.write(rtcpOut, 0, localSsrc, ssrc);
            upstream.sendRtcp(rtcpOut, 0, len);
            pliSent++;
        } else if (r == KeyframeRequest.FIR) {
            int len = Fir.write(rtcpOut, 0, localSsrc, ssrc, keyframes.firSequenceNumber());
            upstream.sendRtcp(rtcpOut, 0, len);
            firSent++;
        }
        buffer.expire(now);
    }

    private void collectNack(int seq) {
        if (nackCount < nackSeqs.length) {
            nackSeqs[nackCount++] = seq;
        }
    }

    /** True if a packet arrived within {@link #INACTIVE_AFTER_MS} of {@code now}. */
    public boolean isActive(long now) {
        return lastPacketMs != Long.MIN_VALUE && now - lastPacketMs < INACTIVE_AFTER_MS;
    }

    /** A sender report of this stream (RFC 3550 §6.4.1): its NTP time and the RTP timestamp of that instant. */
    void onSenderReport(long ntp, long rtpTimestamp, long now) {
        stats.onSenderReport(ntp, now);
        haveSr = true;
        srNtp = ntp;
        srRtp = rtpTimestamp;
    }

    /**
     * RTP ticks from the capture of this stream's {@code ts} to that of {@code other}'s
     * {@code otherTs}, from both streams' last sender reports; {@link TimestampAligner#UNKNOWN}
     * without them.
     */
    long ticksTo(long ts, LayerReceiver other, long otherTs, int clockRate) {
        if (!haveSr || !other.haveSr) {
            return TimestampAligner.UNKNOWN;
        }
        return TimestampAligner.ticksBetween(srNtp, srRtp, ts, other.srNtp, other.srRtp, otherTs, clockRate);
    }

    /** {@link #isActive} as of the last tick (for views built without the room's clock). */
    public boolean wasActive() {
        return activeAtTick;
    }

    /**
     * The frame height: from the stream (VP8 keyframes) when seen, else the {@code a=rid}
     * {@code max-height}, else -1.
     */
    public int height() {
        return height > 0 ? height : maxHeight;
    }

    public RetransmissionBuffer buffer() {
        return buffer;
    }

    public KeyframeRequester keyframes() {
        return keyframes;
    }

    public ReceiveStats stats() {
        return stats;
    }

    public NackGenerator nacks() {
        return nacks;
    }

    /** Receive bitrate over the last full second. */
    public long bitrateBps() {
        return bitrateBps;
    }

    /** Frames (distinct timestamps) per second over the last full second. */
    public int frameRate() {
        return frameRate;
    }

    public long packetsIn() {
        return packetsIn;
    }

    public long bytesIn() {
        return bytesIn;
    }

    public long nacksSent() {
        return nacksSent;
    }

    public long pliSent() {
        return pliSent;
    }

    public long firSent() {
        return firSent;
    }

    void close() {
        buffer.close();
    }
}
