package io.junction.client;

import io.junction.rtp.RtpPacket;

/**
 * What a simulated participant received on one SSRC: counts, integrity failures, duplicates,
 * order, and whether the first video packet started a keyframe. Updated on the transport's thread;
 * read with the accessors from any thread (counters are volatile snapshots).
 */
public final class ReceivedStream {
    private final long ssrc;
    private final String kind;
    private final String streamId;
    private final String mid;
    private volatile long packets;
    private volatile long bytes;
    private volatile long corrupt;
    private volatile long payloadTypeSeen = -1;
    private volatile Boolean firstWasKeyframe;
    private volatile int lastSeq = -1;
    private volatile long outOfOrder;
    private volatile long rtxPackets;
    private volatile long keyframes;
    private volatile int lastTag;
    private volatile long lastKeyframeNanos;
    private long firstExt = -1;
    private long highestExt;

    ReceivedStream(long ssrc, String kind, String streamId, String mid) {
        this.ssrc = ssrc;
        this.kind = kind;
        this.streamId = streamId;
        this.mid = mid;
    }

    /**
     * Adds a stream for every SSRC that a remote description's sending sections announce
     * ({@code a=ssrc}, RFC 5576), keyed by SSRC, keeping the ones already known.
     */
    public static void announce(io.junction.sfu.sdp.SessionDescription remote, java.util.Map<Long, ReceivedStream> into) {
        for (io.junction.sfu.sdp.MediaDescription m : remote.media()) {
            if (m.isRejected()) {
                continue;
            }
            String stream = m.msids().isEmpty() ? null : m.msids().get(0).streamId();
            for (io.junction.sfu.sdp.SsrcAttribute a : m.ssrcs()) {
                into.computeIfAbsent(a.ssrc(), s -> new ReceivedStream(s, m.kind(), stream, m.mid()));
            }
        }
    }

    synchronized void onPacket(RtpPacket p, long nowNanos) {
        boolean video = kind.equals("video");
        SyntheticMedia.Body body = SyntheticMedia.check(p.array(), p.payloadOffset(), p.payloadLength(), video);
        if (body == null) {
            if (p.payloadLength() >= 2 && SyntheticMedia.check(p.array(), p.payloadOffset() + 2,
                    p.payloadLength() - 2, video) != null) {
                rtxPackets++; // RFC 4588: 2-byte OSN then the original payload
                return;
            }
            corrupt++;
            return;
        }
        if (firstWasKeyframe == null && video) {
            int b = p.array()[p.payloadOffset() + 1] & 0xFF;
            firstWasKeyframe = (b & 0x01) == 0;
        }
        if (video && (p.array()[p.payloadOffset()] & 0x10) != 0 && (p.array()[p.payloadOffset() + 1] & 0x01) == 0) {
            keyframes++; // RFC 7741 §4.2 S bit: the first packet of a keyframe
            lastKeyframeNanos = nowNanos;
        }
        int seq = p.sequenceNumber();
        if (lastSeq >= 0 && ((seq - lastSeq) & 0xFFFF) > 0x8000) {
            outOfOrder++;
        }
        lastSeq = seq;
        if (firstExt < 0) {
            firstExt = seq;
            highestExt = seq;
        } else {
            long ext = highestExt + (short) (seq - (int) (highestExt & 0xFFFF));
            highestExt = Math.max(highestExt, ext);
        }
        payloadTypeSeen = p.payloadType();
        lastTag = body.tag();
        packets++;
        bytes += p.length();
    }

    /** The sender tag of the last intact packet (a {@link MediaPump} tags with its video SSRC), 0 before one. */
    public int lastTag() {
        return lastTag;
    }

    public long ssrc() {
        return ssrc;
    }

    public String kind() {
        return kind;
    }

    /** The msid stream id the server announced: the publisher's participant id. */
    public String streamId() {
        return streamId;
    }

    public String mid() {
        return mid;
    }

    public long packets() {
        return packets;
    }

    public long bytes() {
        return bytes;
    }

    /** Payloads whose CRC or magic did not check. */
    public long corrupt() {
        return corrupt;
    }

    public long payloadType() {
        return payloadTypeSeen;
    }

    /** For video: whether the first packet received started a keyframe (null before any). */
    public Boolean firstWasKeyframe() {
        return firstWasKeyframe;
    }

    /** For video: keyframes whose first packet arrived (originals, not RTX). */
    public long keyframes() {
        return keyframes;
    }

    /** For video: {@code System.nanoTime()} when the last keyframe's first packet arrived (0 before any). */
    public long lastKeyframeNanos() {
        return lastKeyframeNanos;
    }

    public long outOfOrder() {
        return outOfOrder;
    }

    /** Sequence number of the last media packet received, or -1. */
    public int lastSequence() {
        return lastSeq;
    }

    /** Media packets missing between the first and the highest sequence number received so far. */
    public synchronized long lost() {
        return firstExt < 0 ? 0 : highestExt - firstExt + 1 - packets;
    }

    public long rtxPackets() {
        return rtxPackets;
    }
}
