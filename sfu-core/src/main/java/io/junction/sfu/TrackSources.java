package io.junction.sfu;

import io.junction.sfu.room.TrackSource;
import io.junction.sfu.sdp.Codec;
import io.junction.sfu.sdp.Direction;
import io.junction.sfu.sdp.NegotiatedMedia;
import io.junction.sfu.sdp.SourceSsrcs;

import io.junction.sfu.room.LayerSource;
import io.junction.sfu.room.ParticipantMedia;
import io.junction.sfu.room.PublishedTrack;
import io.junction.sfu.room.RoomOptions;
import io.junction.sfu.sdp.SupportedExtensions;
import io.junction.sfu.sdp.Rid;
import io.junction.sfu.sdp.RidRestrictions;
import io.junction.sfu.sdp.SdpParseException;
import io.junction.sfu.sdp.SimulcastAttribute;
import io.junction.sfu.sdp.SimulcastId;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        List<LayerSource> layers = ridLayers(m);
        if (layers.isEmpty() && m.simulcastSsrcs().size() > 1 && "video".equals(m.kind())) {
            layers = new ArrayList<>();
            for (SourceSsrcs s : m.simulcastSsrcs()) { // SSRC-group simulcast: signalled, lowest first
                layers.add(new LayerSource(null, s.ssrc(), s.rtxSsrc(), -1));
            }
        }
        if (m.rejected() || !(m.direction() == Direction.RECVONLY || m.direction() == Direction.SENDRECV)
                || (m.sources().isEmpty() && layers.isEmpty()) || m.codecs().isEmpty()) {
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
        boolean pli = primary.rtcpFb().contains("nack pli");
        boolean fir = primary.rtcpFb().contains("ccm fir");
        String trackId = m.msid() != null ? m.msid().trackId() : m.kind() + "-" + m.mid();
        if (!layers.isEmpty()) {
            LayerSource first = layers.get(0);
            return Optional.of(new TrackSource(publisherId + "/" + m.mid(), publisherId, trackId, m.kind(),
                    primary.name(), primary.clockRate(), primary.pt(), rtxPt == null ? -1 : rtxPt,
                    first.ssrc(), rtxPt == null ? -1 : first.rtxSsrc(), fir && !pli, layers));
        }
        SourceSsrcs s = m.sources().get(0);
        return Optional.of(new TrackSource(publisherId + "/" + m.mid(), publisherId, trackId, m.kind(),
                primary.name(), primary.clockRate(), primary.pt(), rtxPt == null ? -1 : rtxPt,
                s.ssrc(), s.hasRtx() && rtxPt != null ? s.rtxSsrc() : -1, fir && !pli));
    }

    /**
     * The room's track for {@code src}: reads the audio level (audio) and learns rid layers'
     * SSRCs (video) with the publisher's extension ids.
     */
    static PublishedTrack track(TrackSource src, ParticipantMedia publisher, Map<String, Integer> extIds,
                                RoomOptions options) {
        PublishedTrack t = new PublishedTrack(src, publisher.sender(), publisher.localSsrc(), options);
        Integer levelId = extIds.get(SupportedExtensions.AUDIO_LEVEL);
        if (levelId != null && !src.isVideo()) {
            t.setAudioLevelExtensionId(levelId);
        }
        t.setStreamIdExtensionIds(extIds.getOrDefault(SupportedExtensions.MID, 0),
                extIds.getOrDefault(SupportedExtensions.RID, 0), extIds.getOrDefault(SupportedExtensions.REPAIRED_RID, 0));
        return t;
    }

    /**
     * The rid layers of a video section the answer accepted with simulcast (RFC 8853 §5.3; the
     * negotiated media keeps the rids only then), in {@code a=simulcast} order, which this server
     * takes as lowest first (the order of browsers' {@code sendEncodings} with
     * {@code scaleResolutionDownBy} 4, 2, 1); when every layer has a {@code max-height} they are
     * sorted by it. Paused ({@code ~}) streams are kept: they become active when packets arrive.
     * Empty when the section is not simulcast or its attribute does not parse (then the section
     * is treated as a plain one).
     */
    static List<LayerSource> ridLayers(NegotiatedMedia m) {
        if (m.simulcast() == null || m.rids().isEmpty() || !"video".equals(m.kind())) {
            return List.of();
        }
        SimulcastAttribute sc;
        Map<String, RidRestrictions> restrictions = new HashMap<>();
        try {
            sc = SimulcastAttribute.parse(0, m.simulcast());
            for (Rid r : m.rids()) {
                if (r.direction().equals("send")) {
                    restrictions.put(r.id(), RidRestrictions.parse(0, r.restrictions()));
                }
            }
        } catch (SdpParseException e) {
            return List.of();
        }
        List<LayerSource> out = new ArrayList<>();
        boolean allHeights = true;
        for (List<SimulcastId> stream : sc.send()) {
            String rid = stream.get(0).rid();
            RidRestrictions rr = restrictions.getOrDefault(rid, RidRestrictions.NONE);
            int h = rr.maxHeight() > 0 && rr.maxHeight() < Integer.MAX_VALUE ? (int) rr.maxHeight() : -1;
            allHeights &= h > 0;
            out.add(new LayerSource(rid, -1, -1, h));
        }
        if (allHeights) {
            out.sort(Comparator.comparingInt(LayerSource::maxHeight));
        }
        return out;
    }
}
