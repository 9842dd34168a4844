package io.junction.sfu.sdp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers a client re-offer for a section the server created: the client's offer for it is
 * normally {@code recvonly}; the server keeps sending its track there ({@code sendonly}) with the
 * codecs and extensions both sides still list, or answers {@code inactive} when it has no track.
 */
final class ServerSectionAnswer {

    private ServerSectionAnswer() {
    }

    static PlannedSection answer(MediaDescription m, PlannedSection known, ServerTransport transport, String setup,
                                 List<MediaDescription> out) {
        List<Codec> codecs = common(known.codecs(), m);
        if (m.isRejected() || known.rejected() || SdpAssembly.primaries(codecs).isEmpty()) {
            out.add(SdpAssembly.rejected(m.kind(), m.proto(), m.formats(), m.mid()));
            NegotiatedMedia n = new NegotiatedMedia(m.mid(), m.kind(), true, Direction.INACTIVE, List.of(),
                    Map.of(), Map.of(), null, List.of(), List.of(), null);
            return new PlannedSection(m.mid(), m.kind(), PlannedSection.Owner.SERVER, true, Direction.INACTIVE,
                    known.codecs(), known.extmaps(), null, n);
        }
        List<Extmap> extmaps = new ArrayList<>();
        Map<String, Integer> extIds = new LinkedHashMap<>();
        for (Extmap e : known.extmaps()) {
            if (m.extmapId(e.uri()) == e.id()) {
                extmaps.add(e);
                extIds.put(e.uri(), e.id());
            }
        }
        SendTrack track = known.track();
        Direction dir = track != null && m.direction().receives() ? Direction.SENDONLY : Direction.INACTIVE;
        MediaDescription.Builder b = MediaDescription.builder(m.kind(), m.proto()).codecs(codecs);
        SdpAssembly.transport(b, transport, setup);
        b.mid = m.mid();
        b.direction = dir;
        b.extmaps = extmaps;
        b.rtcpRsize = m.rtcpRsize();
        List<SourceSsrcs> sources = new ArrayList<>();
        if (dir == Direction.SENDONLY) {
            SdpAssembly.sendTrack(b, track);
            sources.add(new SourceSsrcs(track.ssrc(), track.rtxSsrc(), track.cname()));
        }
        out.add(b.build());
        NegotiatedMedia n = new NegotiatedMedia(m.mid(), m.kind(), false, dir, SdpAssembly.primaries(codecs),
                CodecMatcher.rtxByPrimary(codecs), extIds,
                dir == Direction.SENDONLY ? new Msid(track.streamId(), track.trackId()) : null,
                sources, List.of(), null);
        return new PlannedSection(m.mid(), m.kind(), PlannedSection.Owner.SERVER, false, dir, known.codecs(),
                known.extmaps(), dir == Direction.SENDONLY ? track : null, n);
    }

    /** The planned codecs the offer still lists with the same payload type and configuration. */
    static List<Codec> common(List<Codec> planned, MediaDescription m) {
        List<Codec> primaries = new ArrayList<>();
        for (Codec c : planned) {
            Codec o = m.codec(c.pt());
            if (!c.isRtx() && o != null && CodecMatcher.key(o).equals(CodecMatcher.key(c))) {
                primaries.add(c);
            }
        }
        List<Codec> out = new ArrayList<>();
        for (Codec c : planned) {
            Codec o = m.codec(c.pt());
            if (primaries.contains(c)) {
                out.add(c);
            } else if (c.isRtx() && o != null && o.isRtx() && o.apt() == c.apt()
                    && primaries.stream().anyMatch(p -> p.pt() == c.apt())) {
                out.add(c);
            }
        }
        return out;
    }
}
