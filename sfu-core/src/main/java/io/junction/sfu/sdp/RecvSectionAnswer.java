package io.junction.sfu.sdp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers a client's {@code recvonly} m-section with a track the server sends there (RFC 3264
 * section 6.1: the answer to {@code recvonly} is {@code sendonly}). Used for clients that cannot
 * take a server offer (WHEP): the track goes into the client's own receive section, with the
 * client's payload type for the track's codec (and its RTX when offered) and the client's
 * header-extension ids. The section becomes server-owned: it carries that track from then on.
 */
final class RecvSectionAnswer {

    private RecvSectionAnswer() {
    }

    /**
     * @param m        the client's offered section ({@code recvonly})
     * @param accepted the offered codecs the server accepts ({@link CodecMatcher#select})
     * @param t        the track to send there
     * @return the planned section, or null when the offer does not list the track's codec (then
     *         nothing was written)
     */
    static PlannedSection answer(MediaDescription m, List<Codec> accepted, SendTrack t, ServerTransport transport,
                                 String setup, List<MediaDescription> out) {
        return answer(m, accepted, t, transport, setup, out, false);
    }

    /**
     * As {@link #answer(MediaDescription, List, SendTrack, ServerTransport, String, List)}; with
     * {@code sendrecv}, a client section the client sends on ({@code sendrecv}) is answered
     * {@code sendrecv} (RFC 3264 section 6.1): the server sends {@code t} there and receives the
     * client's track on the same section, which stays client-owned (the client publishes there).
     * Used for the server as a classic client's single peer (PROTOCOL.md "socket.io front").
     */
    static PlannedSection answer(MediaDescription m, List<Codec> accepted, SendTrack t, ServerTransport transport,
                                 String setup, List<MediaDescription> out, boolean sendrecv) {
        boolean both = sendrecv && m.direction().sends();
        Codec primary = null;
        for (Codec wanted : t.codecs()) {
            for (Codec c : accepted) {
                if (primary == null && !c.isRtx() && CodecMatcher.key(c).equals(CodecMatcher.key(wanted))) {
                    primary = c;
                }
            }
        }
        if (primary == null) {
            return null;
        }
        Codec rtx = null;
        if (t.rtxSsrc() != SourceSsrcs.NO_RTX) {
            for (Codec c : accepted) {
                if (rtx == null && c.isRtx() && c.apt() == primary.pt()) {
                    rtx = c;
                }
            }
        }
        SendTrack track = rtx != null ? t : new SendTrack(t.trackKey(), t.kind(), t.ssrc(), SourceSsrcs.NO_RTX,
                t.streamId(), t.trackId(), t.cname(), t.codecs());
        List<Codec> codecs = rtx == null ? List.of(primary) : List.of(primary, rtx);
        List<Extmap> extmaps = new ArrayList<>();
        Map<String, Integer> extIds = new LinkedHashMap<>();
        for (Extmap e : SupportedExtensions.answer(m.kind(), m.extmaps())) {
            if (!e.uri().equals(SupportedExtensions.RID) && !e.uri().equals(SupportedExtensions.REPAIRED_RID)) {
                extmaps.add(e);
                extIds.put(e.uri(), e.id());
            }
        }
        MediaDescription.Builder b = MediaDescription.builder(m.kind(), m.proto()).codecs(codecs);
        SdpAssembly.transport(b, transport, setup);
        b.mid = m.mid();
        Direction dir = both ? Direction.SENDRECV : Direction.SENDONLY;
        b.direction = dir;
        b.extmaps = new ArrayList<>(extmaps);
        b.rtcpRsize = m.rtcpRsize();
        SdpAssembly.sendTrack(b, track);
        out.add(b.build());
        if (sendrecv) {
            // What the server receives here is the client's track (its msid and SSRCs); the
            // server's own track is named by the planned section.
            NegotiatedMedia n = new NegotiatedMedia(m.mid(), m.kind(), false, dir, List.of(primary),
                    CodecMatcher.rtxByPrimary(codecs), extIds, SdpAssembly.msid(m),
                    both ? SdpAssembly.sources(m) : List.of(), List.of(), null);
            return new PlannedSection(m.mid(), m.kind(), PlannedSection.Owner.CLIENT, false, dir, codecs, extmaps,
                    track, n);
        }
        NegotiatedMedia n = new NegotiatedMedia(m.mid(), m.kind(), false, Direction.SENDONLY, List.of(primary),
                CodecMatcher.rtxByPrimary(codecs), extIds, new Msid(track.streamId(), track.trackId()),
                List.of(new SourceSsrcs(track.ssrc(), track.rtxSsrc(), track.cname())), List.of(), null);
        return new PlannedSection(m.mid(), m.kind(), PlannedSection.Owner.SERVER, false, Direction.SENDONLY, codecs,
                extmaps, track, n);
    }
}
