package io.junction.sfu.room;

import io.junction.rtp.RtpPacket;
import io.junction.rtp.SdesExtension;

import java.nio.charset.StandardCharsets;

/**
 * Learns the SSRCs of a rid-based simulcast track from the first packets of each stream
 * (RFC 8852 §4, RFC 8853 §5.2): a packet of an unknown SSRC whose MID extension (RFC 8843
 * §15.2) names this track's section, or carries no MID, and whose RtpStreamId names one of
 * the track's rids is that layer's media stream; with RepairedRtpStreamId instead it is that
 * layer's RTX stream. Senders stop adding these extensions once they know the receiver has
 * seen them, so the binding is kept: a later new SSRC with the same rid replaces it (the
 * publisher restarted the layer). Called for unknown SSRCs only; compares bytes, no allocation.
 * Room worker thread only.
 */
final class LayerLearner {
    /** {@link #learn} result: the packet names no layer of this track. */
    static final int NONE = -1;

    private final byte[] mid;
    private int midId;
    private int ridId;
    private int repairedRidId;
    private long learned;

    LayerLearner(String mid) {
        this.mid = mid.getBytes(StandardCharsets.US_ASCII);
    }

    /** The publisher's extension ids for sdes:mid, rtp-stream-id and repaired-rtp-stream-id (0: not negotiated). */
    void setExtensionIds(int midId, int ridId, int repairedRidId) {
        this.midId = midId;
        this.ridId = ridId;
        this.repairedRidId = repairedRidId;
    }

    boolean enabled() {
        return ridId > 0 || repairedRidId > 0;
    }

    /**
     * Binds the packet's SSRC to a layer when its extensions name one.
     *
     * @return the layer index, {@code -(index + 2)} when the SSRC was bound as that layer's RTX
     *         stream, or {@link #NONE}
     */
    int learn(RtpPacket p, LayerReceiver[] layers) {
        if (!enabled() || !p.hasExtension()) {
            return NONE;
        }
        if (midId > 0 && SdesExtension.find(p, midId, SdesExtension.Kind.MID) >= 0
                && !SdesExtension.equalsAscii(p, midId, SdesExtension.Kind.MID, mid)) {
            return NONE; // another section's stream
        }
        long ssrc = p.ssrc();
        for (LayerReceiver l : layers) {
            byte[] rid = l.ridBytes();
            if (rid == null) {
                continue;
            }
            if (ridId > 0 && SdesExtension.equalsAscii(p, ridId, SdesExtension.Kind.RID, rid)) {
                l.learnSsrc(ssrc);
                learned++;
                return l.index();
            }
            if (repairedRidId > 0 && SdesExtension.equalsAscii(p, repairedRidId, SdesExtension.Kind.REPAIRED_RID, rid)) {
                l.learnRtxSsrc(ssrc);
                learned++;
                return -(l.index() + 2);
            }
        }
        return NONE;
    }

    /** SSRCs bound so far. */
    long learned() {
        return learned;
    }
}
