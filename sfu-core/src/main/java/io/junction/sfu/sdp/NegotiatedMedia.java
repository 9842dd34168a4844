package io.junction.sfu.sdp;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one m-section ended up with after an offer/answer exchange.
 *
 * @param mid              the section's mid
 * @param kind             "audio", "video", "application"...
 * @param rejected         true when the section was rejected (port 0); nothing else matters then
 * @param direction        the direction from the server's point of view (recvonly: the client publishes)
 * @param codecs           the accepted primary codecs with the payload types used on the wire
 * @param rtxPtByPrimaryPt RTX payload type per primary payload type (RFC 4588 apt)
 * @param extIdsByUri      the accepted header extension ids by URI (RFC 8285)
 * @param msid             the track's msid (the client's for published sections, the server's for
 *                         sent ones), null when none
 * @param sources          the announced SSRCs with RTX pairing and cname
 * @param rids             the rids (RFC 8851) from the client's offer, empty without simulcast
 * @param simulcast        the client's {@code a=simulcast} value (RFC 8853), null when absent
 * @param simulcastSsrcs   the layers of SSRC-group simulcast ({@code a=ssrc-group:SIM}, lowest first,
 *                         each with its RTX SSRC from an {@code FID} group), empty without
 */
public record NegotiatedMedia(String mid, String kind, boolean rejected, Direction direction,
                              List<Codec> codecs, Map<Integer, Integer> rtxPtByPrimaryPt,
                              Map<String, Integer> extIdsByUri, Msid msid, List<SourceSsrcs> sources,
                              List<Rid> rids, String simulcast, List<SourceSsrcs> simulcastSsrcs) {
    /** Without SSRC-group simulcast. */
    public NegotiatedMedia(String mid, String kind, boolean rejected, Direction direction,
                           List<Codec> codecs, Map<Integer, Integer> rtxPtByPrimaryPt,
                           Map<String, Integer> extIdsByUri, Msid msid, List<SourceSsrcs> sources,
                           List<Rid> rids, String simulcast) {
        this(mid, kind, rejected, direction, codecs, rtxPtByPrimaryPt, extIdsByUri, msid, sources, rids, simulcast,
                List.of());
    }

    public NegotiatedMedia {
        simulcastSsrcs = simulcastSsrcs == null ? List.of() : List.copyOf(simulcastSsrcs);
        Objects.requireNonNull(mid, "mid");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(direction, "direction");
        codecs = List.copyOf(codecs);
        rtxPtByPrimaryPt = Map.copyOf(rtxPtByPrimaryPt);
        extIdsByUri = Map.copyOf(extIdsByUri);
        sources = List.copyOf(sources);
        rids = List.copyOf(rids);
    }
}
