package io.junction.cluster;

import io.junction.sfu.RelayInbound;
import io.junction.sfu.room.TrackSource;
import io.junction.sfu.sdp.Codec;
import io.junction.sfu.sdp.Direction;
import io.junction.sfu.sdp.Extmap;
import io.junction.sfu.sdp.MediaDescription;
import io.junction.sfu.sdp.Msid;
import io.junction.sfu.sdp.SessionDescription;
import io.junction.sfu.sdp.SsrcGroup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a relay link's offer carries, for the receiving node: one remote track per sending RTP
 * section. The sending node's relay participant is an ordinary subscriber there, so each section
 * is what a subscriber is offered: {@code sendonly} (from the sending node), the publisher's id as
 * msid stream id (JSEP, RFC 8829 §5.2.1; RFC 8830), its track id, one SSRC or an RFC 5576
 * {@code FID} group (media, RTX). Sections that carry no track (inactive, rejected, data) are
 * skipped; so are sections whose publisher is not known by msid (they could not be attributed).
 * Pure; table-tested.
 */
final class RelayOffer {
    private RelayOffer() {
    }

    /**
     * The remote tracks of {@code offer}. Track keys are {@code <publisher>/r<mid>}: unique in
     * the room (publisher ids are unique across nodes, mids within the link) and stable across
     * the link's re-offers.
     */
    static List<RelayInbound.Track> tracks(SessionDescription offer) {
        List<RelayInbound.Track> out = new ArrayList<>();
        for (MediaDescription m : offer.media()) {
            if (m.isRejected() || !m.isRtp() || m.direction() != Direction.SENDONLY || m.mid() == null
                    || m.msids().isEmpty() || m.ssrcIds().isEmpty()) {
                continue;
            }
            Codec primary = null;
            for (Codec c : m.codecs()) {
                if (!c.isRtx()) {
                    primary = c;
                    break;
                }
            }
            if (primary == null) {
                continue;
            }
            int rtxPt = -1;
            for (Codec c : m.codecs()) {
                if (c.isRtx() && c.apt() == primary.pt()) {
                    rtxPt = c.pt();
                    break;
                }
            }
            long ssrc = m.ssrcIds().get(0);
            long rtxSsrc = -1;
            for (SsrcGroup g : m.ssrcGroups()) {
                if ("FID".equals(g.semantics()) && g.ssrcs().size() == 2) {
                    ssrc = g.ssrcs().get(0);
                    rtxSsrc = g.ssrcs().get(1);
                    break;
                }
            }
            if (rtxPt < 0) {
                rtxSsrc = -1;
            }
            Msid msid = m.msids().get(0);
            boolean pli = primary.rtcpFb().contains("nack pli") || m.rtcpFbAll().contains("nack pli");
            boolean fir = primary.rtcpFb().contains("ccm fir") || m.rtcpFbAll().contains("ccm fir");
            TrackSource src = new TrackSource(msid.streamId() + "/r" + m.mid(), msid.streamId(), msid.trackId(),
                    m.kind(), primary.name(), primary.clockRate(), primary.pt(), rtxPt, ssrc, rtxSsrc, fir && !pli);
            Map<String, Integer> ext = new HashMap<>();
            for (Extmap e : m.extmaps()) {
                ext.put(e.uri(), e.id());
            }
            out.add(new RelayInbound.Track(src, primary, ext));
        }
        return out;
    }
}
