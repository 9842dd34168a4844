package io.junction.sfu;

import io.junction.sfu.room.LayerSource;
import io.junction.sfu.room.TrackSource;
import io.junction.sfu.sdp.Codec;
import io.junction.sfu.sdp.Direction;
import io.junction.sfu.sdp.NegotiatedMedia;
import io.junction.sfu.sdp.Rid;
import io.junction.sfu.sdp.SourceSsrcs;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link TrackSources}: a rid simulcast section becomes one track with its layers, lowest first. */
class TrackSourcesTest {
    private static final Codec VP8 = new Codec(96, "VP8", 90000, 1, "", List.of("nack pli"));

    private static NegotiatedMedia video(List<Rid> rids, String simulcast, List<SourceSsrcs> sources) {
        return new NegotiatedMedia("1", "video", false, Direction.RECVONLY, List.of(VP8), Map.of(), Map.of(), null,
                sources, rids, simulcast);
    }

    @Test
    void ridLayersInSimulcastOrderWithoutAnySsrc() {
        NegotiatedMedia m = video(List.of(new Rid("q", "send", ""), new Rid("h", "send", ""), new Rid("f", "send", "")),
                "send q;h;~f", List.of());
        TrackSource t = TrackSources.of("p", m).orElseThrow();
        assertTrue(t.isSimulcast());
        assertEquals(List.of("q", "h", "f"), t.layers().stream().map(LayerSource::rid).toList());
        assertEquals(-1, t.layers().get(0).ssrc(), "learned from the RID extension");
        assertEquals("1", t.mid());
    }

    @Test
    void layersWithMaxHeightAreSortedByIt() {
        NegotiatedMedia m = video(List.of(new Rid("hi", "send", "max-height=720"), new Rid("lo", "send", "max-height=180"),
                new Rid("mid", "send", "max-width=640;max-height=360")), "send hi;lo;mid", List.of());
        assertEquals(List.of("lo", "mid", "hi"),
                TrackSources.ridLayers(m).stream().map(LayerSource::rid).toList());
        assertEquals(180, TrackSources.ridLayers(m).get(0).maxHeight());
    }

    @Test
    void ssrcGroupSimulcastBecomesSignalledLayers() {
        NegotiatedMedia m = new NegotiatedMedia("1", "video", false, Direction.RECVONLY, List.of(VP8), Map.of(96, 97),
                Map.of(), null, List.of(new SourceSsrcs(5, 6, "c"), new SourceSsrcs(7, 8, "c")), List.of(), null,
                List.of(new SourceSsrcs(5, 6, null), new SourceSsrcs(7, 8, null)));
        TrackSource t = TrackSources.of("p", m).orElseThrow();
        assertTrue(t.isSimulcast());
        assertEquals(List.of(new LayerSource(null, 5, 6, -1), new LayerSource(null, 7, 8, -1)), t.layers());
        assertEquals(5, t.ssrc());
    }

    @Test
    void brokenOrAbsentSimulcastIsAPlainSection() {
        assertTrue(TrackSources.ridLayers(video(List.of(new Rid("a", "send", "")), "send ;;", List.of())).isEmpty());
        assertTrue(TrackSources.ridLayers(video(List.of(new Rid("a", "send", "max-height=x")), "send a", List.of()))
                .isEmpty());
        NegotiatedMedia plain = video(List.of(), null, List.of(new SourceSsrcs(5, 6, "c")));
        TrackSource t = TrackSources.of("p", plain).orElseThrow();
        assertFalse(t.isSimulcast());
        assertEquals(5, t.layers().get(0).ssrc());
        assertFalse(TrackSources.of("p", video(List.of(), null, List.of())).isPresent(), "no SSRC, no rid: no track");
    }
}
