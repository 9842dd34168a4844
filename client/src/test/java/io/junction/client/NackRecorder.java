package io.junction.client;

import io.junction.rtp.rtcp.Feedback;
import io.junction.rtp.rtcp.Nack;
import io.junction.rtp.rtcp.RtcpCursor;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/** An RTCP tap that records the generic NACKs a client receives for one media SSRC. */
final class NackRecorder implements SfuParticipantClient.RtcpTap {
    private final long mediaSsrc;
    private final Set<Integer> seqs = new TreeSet<>();
    private final AtomicInteger packets = new AtomicInteger();

    NackRecorder(long mediaSsrc) {
        this.mediaSsrc = mediaSsrc;
    }

    static NackRecorder on(SfuParticipantClient c, long mediaSsrc) {
        NackRecorder r = new NackRecorder(mediaSsrc);
        c.addRtcpTap(r);
        return r;
    }

    @Override
    public void onRtcp(byte[] b, int off, int len) {
        RtcpCursor c = new RtcpCursor();
        if (!c.reset(b, off, len)) {
            return;
        }
        while (c.next()) {
            if (Nack.isValid(b, c.offset(), c.length()) && Feedback.mediaSsrc(b, c.offset()) == mediaSsrc) {
                packets.incrementAndGet();
                synchronized (seqs) {
                    Nack.forEachLost(b, c.offset(), c.length(), seqs::add);
                }
            }
        }
    }

    /** NACK packets seen. */
    int packets() {
        return packets.get();
    }

    /** Every sequence number NACKed so far. */
    Set<Integer> seqs() {
        synchronized (seqs) {
            return new TreeSet<>(seqs);
        }
    }
}
