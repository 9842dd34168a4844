package io.junction.sfu.room;

import io.junction.rtp.HeaderExtensions;
import io.junction.rtp.PacketBuffer;
import io.junction.rtp.RtpPacket;
import io.junction.rtp.rtcp.TransportCcReader;
import io.junction.sfu.bwe.BweOptions;
import io.junction.sfu.bwe.SendSideEstimator;
import io.junction.sfu.bwe.SentPacketHistory;

import java.util.function.LongSupplier;

/**
 * The send side of transport-wide congestion control toward one participant
 * (draft-holmer-rmcat-transport-wide-cc-extensions-01): it sits between the participant's
 * subscriptions and its transport as a {@link MediaSender}, stamps every outgoing RTP packet
 * (media and retransmissions, every section of the bundle) with the next 16-bit transport-wide
 * sequence number when the participant negotiated the extension, and records send time and
 * size in the {@link SendSideEstimator}; the participant's transport-wide feedback and REMB
 * come back through {@link #onTransportCc} and {@link #onRemb}. The estimate is read by
 * {@link BandwidthAllocation}.
 *
 * <p>The extension element is reused when the packet already carries one under the
 * participant's id (the forwarding path maps the publisher's element onto it), else appended
 * into the buffer's headroom ({@link HeaderExtensions#add}); a packet without room goes out
 * unstamped and is counted. Room worker thread only; no allocation per packet.
 */
public final class SubscriberBandwidth implements MediaSender {
    /** SRTP authentication tag, UDP and IPv4 headers: what a packet costs beyond its RTP bytes. */
    static final int WIRE_OVERHEAD = 10 + 8 + 20;

    private final MediaSender transport;
    private final LongSupplier clockUs;
    private final SendSideEstimator estimator;
    private final TransportCcReader reader = new TransportCcReader();
    private final RtpPacket view = new RtpPacket();
    private final byte[] scratch = new byte[2];
    private int extensionId;
    private int nextSeq;
    private long stamped;
    private long unstamped;
    private long feedbacks;
    private long invalidFeedback;
    private long rembs;

    /**
     * @param transport the participant's transport
     * @param clockUs   a monotonic clock in µs (send times and feedback arrival share it)
     */
    public SubscriberBandwidth(MediaSender transport, LongSupplier clockUs, BweOptions options) {
        this.transport = transport;
        this.clockUs = clockUs;
        this.estimator = new SendSideEstimator(options);
    }

    /** The system's monotonic clock in µs. */
    public static long systemMicros() {
        return System.nanoTime() / 1000;
    }

    /**
     * The header-extension id the participant negotiated for transport-wide sequence numbers in
     * the sections it receives, 0 for none (packets then go out unstamped and no estimate forms).
     */
    public void setExtensionId(int id) {
        this.extensionId = id > 0 && id < 256 ? id : 0;
    }

    public int extensionId() {
        return extensionId;
    }

    @Override
    public void sendRtp(byte[] buf, int off, int len) {
        transport.sendRtp(buf, off, len); // no buffer to grow: only the pooled path is stamped
    }

    @Override
    public void sendRtp(PacketBuffer p) {
        if (extensionId > 0 && view.wrap(p)) {
            int seq = nextSeq;
            int at = HeaderExtensions.find(view, extensionId);
            boolean ok;
            if (at >= 0 && HeaderExtensions.valueLength(view, at) == 2) {
                p.array()[at] = (byte) (seq >>> 8);
                p.array()[at + 1] = (byte) seq;
                ok = true;
            } else if (at >= 0) {
                ok = false; // a malformed element under our id: leave the packet alone
            } else {
                scratch[0] = (byte) (seq >>> 8);
                scratch[1] = (byte) seq;
                ok = HeaderExtensions.add(p, view, extensionId, scratch, 0, 2);
            }
            if (ok) {
                nextSeq = (seq + 1) & 0xFFFF;
                stamped++;
                estimator.onSent(seq, p.length() + WIRE_OVERHEAD, SentPacketHistory.NO_CLUSTER, clockUs.getAsLong());
            } else {
                unstamped++;
            }
        }
        transport.sendRtp(p.array(), p.offset(), p.length());
    }

    @Override
    public void sendRtcp(byte[] buf, int off, int len) {
        transport.sendRtcp(buf, off, len);
    }

    /** One transport-wide CC feedback packet (RTPFB FMT 15) from the participant. */
    void onTransportCc(byte[] b, int off, int len) {
        if (!reader.reset(b, off, len)) {
            invalidFeedback++;
            return;
        }
        feedbacks++;
        estimator.onTransportCc(reader, clockUs.getAsLong());
    }

    /** A REMB from the participant (draft-alvestrand-rmcat-remb), the fallback estimate. */
    void onRemb(long bps) {
        rembs++;
        estimator.onRemb(bps, clockUs.getAsLong());
    }

    void onRtt(long rttMs) {
        estimator.onRtt(rttMs * 1000);
    }

    public SendSideEstimator estimator() {
        return estimator;
    }

    public long nowUs() {
        return clockUs.getAsLong();
    }

    /** The current estimate in bit/s, or -1 while nothing was measured. */
    public long estimateBps() {
        long now = clockUs.getAsLong();
        return estimator.hasEstimate(now) ? estimator.estimateBps(now) : -1;
    }

    /** Packets stamped with a transport-wide sequence number. */
    public long stamped() {
        return stamped;
    }

    /** Packets that should have been stamped but had no room (or a malformed element). */
    public long unstamped() {
        return unstamped;
    }

    public long feedbacksReceived() {
        return feedbacks;
    }

    public long invalidFeedback() {
        return invalidFeedback;
    }

    public long rembsReceived() {
        return rembs;
    }
}
