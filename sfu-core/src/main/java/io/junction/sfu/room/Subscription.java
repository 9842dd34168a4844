package io.junction.sfu.room;

import io.junction.rtp.BufferPool;
import io.junction.rtp.HeaderExtensions;
import io.junction.rtp.PacketBuffer;
import io.junction.rtp.RtpPacket;
import io.junction.sfu.forward.ForwardDecision;
import io.junction.sfu.forward.Forwarder;
import io.junction.sfu.forward.NackResponder;
import io.junction.sfu.forward.RetransmissionBuffer;
import io.junction.sfu.forward.RetransmissionSink;
import io.junction.sfu.forward.RetransmissionSource;
import io.junction.sfu.forward.SendStats;

/**
 * One published track as one subscriber receives it: the subscriber's SSRC, payload type and
 * header-extension ids, continuous sequence numbers and timestamps, and NACK answers from the
 * track's shared retransmission buffer. Room worker thread only.
 */
public final class Subscription implements RetransmissionSource, RetransmissionSink {

    /**
     * The subscriber side of the negotiation for this track.
     *
     * @param ssrc           SSRC toward the subscriber
     * @param rtxSsrc        RTX SSRC toward the subscriber, or -1
     * @param payloadType    the subscriber's payload type for the codec
     * @param rtxPayloadType the subscriber's RTX payload type, or -1
     * @param extensionIdMap publisher extension id → subscriber id (0 = strip), indexed 0..255
     */
    public record Output(long ssrc, long rtxSsrc, int payloadType, int rtxPayloadType, byte[] extensionIdMap) {
    }

    private final PublishedTrack track;
    private final MediaSender subscriber;
    private final BufferPool pool;
    private final Output output;
    private final Forwarder forwarder;
    private final NackResponder responder;
    private final SendStats sendStats;
    private final RtpPacket out = new RtpPacket();
    private boolean active;
    private long packetsOut;
    private long bytesOut;
    private long droppedNoBuffer;
    private long retransmissions;

    public Subscription(PublishedTrack track, MediaSender subscriber, BufferPool pool, Output output, long rtxInitialSeq) {
        this.track = track;
        this.subscriber = subscriber;
        this.pool = pool;
        this.output = output;
        TrackSource s = track.source();
        this.forwarder = new Forwarder(s.isVideo(), s.ssrc(), s.clockRate(), 1024);
        this.responder = new NackResponder(pool, output.ssrc(), output.payloadType(),
                output.rtxSsrc(), output.rtxPayloadType(), (int) (rtxInitialSeq & 0xFFFF), 256);
        this.sendStats = new SendStats(s.clockRate());
    }

    public PublishedTrack track() {
        return track;
    }

    public Output output() {
        return output;
    }

    /** Starts forwarding (after the subscriber accepted the section carrying this track). */
    public void activate(long now) {
        if (!active) {
            active = true;
            if (track.source().isVideo()) {
                track.keyframes().request(now);
            }
        }
    }

    public boolean isActive() {
        return active;
    }

    /** Forwards one packet of the track (a view over the shared original; not modified). */
    void forward(RtpPacket src, boolean keyframe, long now) {
        if (!active) {
            return;
        }
        ForwardDecision d = forwarder.decide(src.ssrc(), src.sequenceNumber(), src.timestamp(), keyframe, now);
        if (!d.forward()) {
            if (d.verdict() == ForwardDecision.Verdict.DROP_WAITING_FOR_KEYFRAME) {
                track.keyframes().request(now);
            }
            return;
        }
        PacketBuffer copy = pool.tryAcquire();
        if (copy == null) {
            droppedNoBuffer++;
            return;
        }
        int headroom = copy.headroom();
        if (src.length() > copy.capacity() - headroom - io.junction.rtp.PacketBuffer.DEFAULT_TAILROOM) {
            droppedNoBuffer++;
            copy.release();
            return;
        }
        copy.copyFrom(src.array(), src.offset(), src.length());
        out.wrap(copy);
        out.setSsrc(output.ssrc());
        out.setPayloadType(output.payloadType());
        out.setSequenceNumber(d.sequenceNumber());
        out.setTimestamp(d.timestamp());
        HeaderExtensions.remapIds(out, output.extensionIdMap());
        sendStats.onPacketSent(out.payloadLength(), d.timestamp(), now);
        packetsOut++;
        bytesOut += copy.length();
        subscriber.sendRtp(copy.array(), copy.offset(), copy.length());
        copy.release();
    }

    /** A generic NACK from the subscriber for one of its output sequence numbers. */
    void onNack(int outSeq, long now) {
        responder.respond(outSeq, now, forwarder.rewriter(), this, this);
    }

    /** Starts a new NACK packet (the per-NACK cap). */
    void beginNack() {
        responder.beginNack();
    }

    void setRtt(long rttMs) {
        responder.setRtt(rttMs);
    }

    @Override
    public RetransmissionBuffer bufferFor(long ssrc) {
        return ssrc == track.source().ssrc() ? track.buffer() : null;
    }

    @Override
    public void send(PacketBuffer packet, boolean rtx) {
        retransmissions++;
        if (!rtx) {
            out.wrap(packet);
            HeaderExtensions.remapIds(out, output.extensionIdMap());
        }
        subscriber.sendRtp(packet.array(), packet.offset(), packet.length());
        packet.release();
    }

    public SendStats sendStats() {
        return sendStats;
    }

    public NackResponder responder() {
        return responder;
    }

    public long packetsOut() {
        return packetsOut;
    }

    public long bytesOut() {
        return bytesOut;
    }

    public long retransmissions() {
        return retransmissions;
    }

    public long droppedNoBuffer() {
        return droppedNoBuffer;
    }
}
