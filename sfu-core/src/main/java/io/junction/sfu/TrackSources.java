package io.junction.sfu;

import io.junction.sfu.room.TrackSource;
import io.junction.sfu.sdp.Codec;
import io.junction.sfu.sdp.Direction;
import io.junction.sfu.sdp.NegotiatedMedia;
import io.junction.sfu.sdp.SourceSsrcs;

import java.util.Optional;

/** Turns a publisher's negotiated m-section into the forwarding core's {@link TrackSource}. */
final class TrackSources {
    private TrackSources() {
    }

    /**
     * The track the client sends in this section, if it sends one the server can forward: a
     * non-rejected section the client sends on (sendonly/sendrecv from its side, recvonly or
     * sendrecv as the server answered), with a negotiated codec and a signalled SSRC.
     */
    static Optional<TrackSource> of(String publisherId, NegotiatedMedia m) {
        if (m.rejected() || !(m.direction() == Direction.RECVONLY || m.direction() == Direction.SENDRECV)
                || m.sources().isEmpty() || m.codecs().isEmpty()) {
            return Optional.empty();
        }
        Codec primary = null;
        for (Codec c : m.codecs()) {
            if (!c.isRtx()) {
                primary = c;
                break;
            }
        }
        if (primary == null) {
            return Optional.empty();
        }
        Integer rtxPt = m.rtxPtByPrimaryPt().get(primary.pt());
        SourceSsrcs s = m.sources().get(0);
        boolean pli = primary.rtcpFb().contains("nack pli");
        boolean fir = primary.rtcpFb().contains("ccm fir");
        String trackId = m.msid() != null ? m.msid().trackId() : m.kind() + "-" + m.mid();
        return Optional.of(new TrackSource(publisherId + "/" + m.mid(), publisherId, trackId, m.kind(),
                primary.name(), primary.clockRate(), primary.pt(), rtxPt == null ? -1 : rtxPt,
                s.ssrc(), s.hasRtx() && rtxPt != null ? s.rtxSsrc() : -1, fir && !pli));
    }
}
