package io.junction.sfu.room;

import io.junction.rtp.rtcp.Fir;
import io.junction.rtp.rtcp.Nack;
import io.junction.rtp.rtcp.ReceiverReport;
import io.junction.rtp.rtcp.ReportBlock;
import io.junction.rtp.rtcp.RtcpCursor;
import io.junction.rtp.rtcp.RtcpHeader;
import io.junction.rtp.rtcp.SenderReport;
import io.junction.rtp.rtcp.Feedback;
import io.junction.rtp.rtcp.NtpTime;
import io.junction.sfu.forward.RttEstimator;

import java.util.function.IntConsumer;

/**
 * Terminates the RTCP a participant sends (RFC 3550 §6, RFC 4585 §6): sender reports of its
 * published tracks feed their receive statistics, receiver reports of what it receives give the
 * RTT, NACKs are answered from the retransmission buffers, PLI/FIR become (throttled) keyframe
 * requests upstream. Nothing is forwarded between legs. Room worker thread only.
 */
final class RtcpHandler {
    private final ParticipantMedia media;
    private final RtcpCursor cursor = new RtcpCursor();
    private final RttEstimator rtt = new RttEstimator(100);
    private final IntConsumer nackSeq = this::onNackedSeq;
    private Subscription nackTarget;
    private final IntConsumer followSeq = this::onFollowNackedSeq;
    private FollowingOutput followTarget;
    private long nackNow;
    private long invalid;
    private long nacksReceived;
    private long keyframeRequestsReceived;

    RtcpHandler(ParticipantMedia media) {
        this.media = media;
    }

    /** One decrypted compound RTCP packet. */
    void onRtcp(byte[] b, int off, int len, long now, long wallClockMs) {
        if (!cursor.reset(b, off, len)) {
            invalid++;
            return;
        }
        while (cursor.next()) {
            int p = cursor.offset();
            int l = cursor.length();
            switch (cursor.packetType()) {
                case RtcpHeader.SR -> onSenderReport(b, p, l, now, wallClockMs);
                case RtcpHeader.RR -> onReceiverReport(b, p, l, wallClockMs);
                case RtcpHeader.RTPFB -> onTransportFeedback(b, p, l, now);
                case RtcpHeader.PSFB -> onPayloadFeedback(b, p, l, now);
                default -> {
                    // SDES, BYE, APP, XR: nothing to do for a terminating SFU.
                }
            }
        }
    }

    private void onSenderReport(byte[] b, int p, int l, long now, long wallClockMs) {
        if (!SenderReport.isValid(b, p, l)) {
            invalid++;
            return;
        }
        LayerReceiver layer = media.layerBySsrc(SenderReport.senderSsrc(b, p));
        if (layer != null) {
            layer.onSenderReport(SenderReport.ntpTimestamp(b, p), SenderReport.rtpTimestamp(b, p), now);
        }
        int blocks = SenderReport.reportCount(b, p);
        for (int i = 0; i < blocks; i++) {
            onReportBlock(b, SenderReport.reportBlockOffset(p, i), wallClockMs);
        }
    }

    private void onReceiverReport(byte[] b, int p, int l, long wallClockMs) {
        if (!ReceiverReport.isValid(b, p, l)) {
            invalid++;
            return;
        }
        int blocks = ReceiverReport.reportCount(b, p);
        for (int i = 0; i < blocks; i++) {
            onReportBlock(b, ReceiverReport.reportBlockOffset(p, i), wallClockMs);
        }
    }

    private void onReportBlock(byte[] b, int at, long wallClockMs) {
        long lsr = ReportBlock.lastSr(b, at);
        if (lsr == 0) {
            return;
        }
        long ssrc = ReportBlock.ssrc(b, at);
        if (media.subscriptionBySsrc(ssrc) != null || media.followingBySsrc(ssrc) != null) {
            long ms = rtt.onReportBlock(lsr, ReportBlock.delaySinceLastSr(b, at),
                    NtpTime.middle32(NtpTime.fromUnixMillis(wallClockMs)));
            if (ms >= 0) {
                media.onRtt(rtt.rttMillis());
            }
        }
    }

    private void onTransportFeedback(byte[] b, int p, int l, long now) {
        if (io.junction.rtp.rtcp.TransportCc.is(b, p, l)) {
            media.bandwidth().onTransportCc(b, p, l);
            return;
        }
        if (!Nack.isValid(b, p, l)) {
            return; // other transport-layer feedback: not used
        }
        Subscription s = media.subscriptionBySsrc(Feedback.mediaSsrc(b, p));
        if (s == null) {
            FollowingOutput f = media.followingBySsrc(Feedback.mediaSsrc(b, p));
            if (f != null) {
                nacksReceived++;
                followTarget = f;
                nackNow = now;
                f.beginNack();
                Nack.forEachLost(b, p, l, followSeq);
                followTarget = null;
            }
            return;
        }
        nacksReceived++;
        nackTarget = s;
        nackNow = now;
        s.beginNack();
        Nack.forEachLost(b, p, l, nackSeq);
        nackTarget = null;
    }

    private void onNackedSeq(int seq) {
        nackTarget.onNack(seq, nackNow);
    }

    private void onFollowNackedSeq(int seq) {
        followTarget.onNack(seq, nackNow);
    }

    /** PLI/FIR for {@code ssrc}: a subscription's or a speaker-following output's keyframe request. */
    private void keyframeFor(long ssrc, long now) {
        Subscription s = media.subscriptionBySsrc(ssrc);
        if (s != null) {
            keyframeRequestsReceived++;
            s.requestKeyframe(now);
            return;
        }
        FollowingOutput f = media.followingBySsrc(ssrc);
        if (f != null) {
            keyframeRequestsReceived++;
            f.requestKeyframe(now);
        }
    }

    private void onPayloadFeedback(byte[] b, int p, int l, long now) {
        int fmt = Feedback.fmt(b, p);
        if (fmt == RtcpHeader.FMT_PLI) {
            keyframeFor(Feedback.mediaSsrc(b, p), now);
        } else if (fmt == RtcpHeader.FMT_AFB && io.junction.rtp.rtcp.Remb.isValid(b, p, l)) {
            media.bandwidth().onRemb(io.junction.rtp.rtcp.Remb.bitrate(b, p));
        } else if (fmt == RtcpHeader.FMT_FIR && Fir.isValid(b, p, l)) {
            for (int i = 0, n = Fir.entryCount(l); i < n; i++) {
                keyframeFor(Fir.ssrc(b, p, i), now);
            }
        }
    }

    long rttMillis() {
        return rtt.rttMillis();
    }

    long invalid() {
        return invalid;
    }

    long nacksReceived() {
        return nacksReceived;
    }

    long keyframeRequestsReceived() {
        return keyframeRequestsReceived;
    }
}
