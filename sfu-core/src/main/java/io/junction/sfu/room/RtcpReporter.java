package io.junction.sfu.room;

import io.junction.rtp.rtcp.ReceiverReport;
import io.junction.rtp.rtcp.ReportBlock;
import io.junction.rtp.rtcp.SenderReport;
import io.junction.rtp.rtcp.NtpTime;
import io.junction.sfu.forward.ReceiveStats;
import io.junction.sfu.forward.SendStats;

import java.util.List;

/**
 * Writes the server's periodic reports for one participant (RFC 3550 §6.4): a sender report per
 * stream the server sends it, and receiver reports with one block per stream it publishes.
 * Room worker thread only; writes into a reused array.
 */
final class RtcpReporter {
    private static final int MAX_BLOCKS = 31; // RFC 3550 §6.4.2: the count field has 5 bits
    private final byte[] out = new byte[1500];

    void report(long localSsrc, List<Subscription> subscriptions, List<PublishedTrack> published,
                long now, long wallClockMs, MediaSender sender) {
        long ntp = NtpTime.fromUnixMillis(wallClockMs);
        for (int i = 0; i < subscriptions.size(); i++) {
            Subscription s = subscriptions.get(i);
            SendStats st = s.sendStats();
            if (!s.isActive() || !st.hasSent()) {
                continue;
            }
            int len = SenderReport.write(out, 0, s.output().ssrc(), ntp, st.rtpTimestampAt(now),
                    st.packetCount(), st.octetCount(), 0);
            sender.sendRtcp(out, 0, len);
        }
        int at = ReceiverReport.FIXED_LENGTH;
        int written = 0;
        for (int i = 0; i < published.size() && written < MAX_BLOCKS; i++) {
            PublishedTrack t = published.get(i);
            for (int l = 0; l < t.layerCount() && written < MAX_BLOCKS; l++) {
                LayerReceiver layer = t.layer(l);
                ReceiveStats rs = layer.stats();
                if (rs.received() == 0 || layer.ssrc() < 0) {
                    continue;
                }
                ReportBlock.write(out, at, layer.ssrc(), rs.takeFractionLost(), rs.cumulativeLost(),
                        rs.extendedHighestSequence(), rs.jitter(), rs.lastSenderReport(),
                        rs.delaySinceLastSenderReport(now));
                at += ReportBlock.LENGTH;
                written++;
            }
        }
        if (written > 0) {
            int len = ReceiverReport.write(out, 0, localSsrc, written);
            sender.sendRtcp(out, 0, len);
        }
    }

    /** A sender report per active speaker-following output (RFC 3550 §6.4.1). */
    void reportFollowing(List<FollowingOutput> following, long now, long wallClockMs, MediaSender sender) {
        long ntp = NtpTime.fromUnixMillis(wallClockMs);
        for (int i = 0; i < following.size(); i++) {
            FollowingOutput f = following.get(i);
            SendStats st = f.sendStats();
            if (!f.isActive() || !st.hasSent()) {
                continue;
            }
            int len = SenderReport.write(out, 0, f.output().ssrc(), ntp, st.rtpTimestampAt(now),
                    st.packetCount(), st.octetCount(), 0);
            sender.sendRtcp(out, 0, len);
        }
    }
}
