package io.junction.sfu.room;

import io.junction.rtp.PacketBuffer;
import io.junction.rtp.RtpHeader;

/**
 * Sends padding toward one subscriber to probe whether its path carries more (before an
 * up-switch, {@link io.junction.sfu.alloc.BudgetPolicy}): padding-only RTP packets (RFC 3550
 * §5.1: P bit, the last octet counts the padding) on the RTX stream of one of its video
 * subscriptions (RFC 4588; the RTX sequence numbers continue those of the retransmissions),
 * paced at the probe rate over the room's ticks, each stamped and recorded by the subscriber's
 * {@link SubscriberBandwidth} like media. Receivers drop padding-only packets after counting
 * them for transport-wide feedback, as they do for their own senders' padding.
 *
 * <p>Room worker thread only; one reusable buffer (the transport encrypts and sends before
 * {@code sendRtp} returns), no allocation per packet.
 */
final class PaddingProbe {
    /** Padding bytes per packet (the RTP header and the stamped extension come on top). */
    static final int PADDING = 224;
    /** Most packets per tick, so a late tick does not burst. */
    static final int MAX_PER_TICK = 32;

    private final MediaSender out;
    private final PacketBuffer buffer = new PacketBuffer(PacketBuffer.DEFAULT_CAPACITY, PacketBuffer.DEFAULT_HEADROOM);
    private Subscription carrier;
    private long rateBps;
    private long startUs;
    private long endUs = Long.MIN_VALUE;
    private long sentBytes;
    private long packetsSent;
    private long probes;

    PaddingProbe(MediaSender out) {
        this.out = out;
    }

    /** A subscription whose RTX stream can carry padding, or null. */
    static Subscription carrierOf(java.util.List<Subscription> subs) {
        for (int i = 0; i < subs.size(); i++) {
            Subscription s = subs.get(i);
            Subscription.Output o = s.output();
            if (s.isActive() && s.track().source().isVideo() && o.rtxSsrc() >= 0 && o.rtxPayloadType() >= 0) {
                return s;
            }
        }
        return null;
    }

    /** Starts sending padding at {@code bps} on {@code via}'s RTX stream for {@code durationUs}. */
    void start(Subscription via, long bps, long nowUs, long durationUs) {
        carrier = via;
        rateBps = bps;
        startUs = nowUs;
        endUs = nowUs + durationUs;
        sentBytes = 0;
        probes++;
    }

    boolean active() {
        return endUs != Long.MIN_VALUE;
    }

    /** Sends what is due by {@code nowUs}; ends the probe after its duration or without its carrier. */
    void tick(long nowUs) {
        if (endUs == Long.MIN_VALUE) {
            return;
        }
        if (nowUs >= endUs || !carrier.isActive()) {
            endUs = Long.MIN_VALUE;
            carrier = null;
            return;
        }
        long due = rateBps * (nowUs - startUs) / 8_000_000;
        for (int n = 0; sentBytes < due && n < MAX_PER_TICK; n++) {
            sentBytes += send();
        }
    }

    private int send() {
        Subscription.Output o = carrier.output();
        buffer.reset();
        byte[] b = buffer.array();
        int off = buffer.offset();
        int seq = carrier.responder().takeRtxSequence();
        int len = RtpHeader.writeFixedHeader(b, off, false, o.rtxPayloadType(), seq, 0, o.rtxSsrc());
        b[off] |= 0x20; // P
        java.util.Arrays.fill(b, off + len, off + len + PADDING - 1, (byte) 0);
        b[off + len + PADDING - 1] = (byte) PADDING;
        buffer.setLength(len + PADDING);
        out.sendRtp(buffer);
        packetsSent++;
        return buffer.length() + SubscriberBandwidth.WIRE_OVERHEAD;
    }

    long packetsSent() {
        return packetsSent;
    }

    long probes() {
        return probes;
    }
}
