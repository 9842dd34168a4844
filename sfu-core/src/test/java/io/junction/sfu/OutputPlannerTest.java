package io.junction.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.junction.sfu.room.Subscription;
import io.junction.sfu.sdp.Codec;
import io.junction.sfu.sdp.Direction;
import io.junction.sfu.sdp.Extmap;
import io.junction.sfu.sdp.PlannedSection;
import io.junction.sfu.sdp.SendTrack;
import io.junction.sfu.sdp.SessionPlan;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Table tests of the pure plan → subscription output mapping. */
class OutputPlannerTest {
    private static final String LEVEL = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";
    private static final String ABS = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";
    private static final String MID = "urn:ietf:params:rtp-hdrext:sdes:mid";
    private static final String TWCC = "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
    private static final SendTrack VIDEO = new SendTrack("pub/v", "video", 1111, 2222, "pub", "v", "junction-pub",
            List.of(vp8(96)));

    private static Codec vp8(int pt) {
        return new Codec(pt, "VP8", 90000, 0, "", List.of());
    }

    private static Codec rtx(int pt, int apt) {
        return new Codec(pt, "rtx", 90000, 0, "apt=" + apt, List.of());
    }

    private static PlannedSection section(List<Codec> codecs, List<Extmap> extmaps, SendTrack track) {
        return new PlannedSection("1", "video", PlannedSection.Owner.SERVER, false, Direction.SENDONLY, codecs,
                extmaps, track, null);
    }

    /**
     * codecs of the section, its extmaps, the publisher's ids → expected pt, rtx pt, rtx ssrc and
     * the non-zero entries of the id map (publisher id → subscriber id).
     */
    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("primary only: no RTX ssrc", List.of(vp8(100)), List.of(), Map.of(),
                        100, -1, -1L, Map.of()),
                Arguments.of("RTX bound to the primary by apt", List.of(vp8(100), rtx(101, 100)), List.of(), Map.of(),
                        100, 101, 2222L, Map.of()),
                Arguments.of("RTX of another codec is not taken", List.of(vp8(100), rtx(101, 98)), List.of(),
                        Map.of(), 100, -1, -1L, Map.of()),
                Arguments.of("first primary wins, its RTX listed first", List.of(rtx(97, 96), vp8(96), vp8(98)),
                        List.of(), Map.of(), 96, 97, 2222L, Map.of()),
                Arguments.of("forwarded extensions are remapped", List.of(vp8(100)),
                        List.of(new Extmap(3, LEVEL), new Extmap(4, ABS)), Map.of(LEVEL, 1, ABS, 2),
                        100, -1, -1L, Map.of(1, 3, 2, 4)),
                Arguments.of("mid is stripped; transport-cc's slot takes the subscriber's id (re-stamped on send)",
                        List.of(vp8(100)), List.of(new Extmap(5, MID), new Extmap(6, TWCC)), Map.of(MID, 1, TWCC, 2),
                        100, -1, -1L, Map.of(2, 6)),
                Arguments.of("extension the publisher did not negotiate", List.of(vp8(100)),
                        List.of(new Extmap(3, LEVEL)), Map.of(), 100, -1, -1L, Map.of()),
                Arguments.of("publisher id out of range", List.of(vp8(100)),
                        List.of(new Extmap(3, LEVEL), new Extmap(4, ABS)), Map.of(LEVEL, 0, ABS, 256),
                        100, -1, -1L, Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void output(String name, List<Codec> codecs, List<Extmap> extmaps, Map<String, Integer> pubIds,
                int pt, int rtxPt, long rtxSsrc, Map<Integer, Integer> ids) {
        Subscription.Output o = OutputPlanner.output(section(codecs, extmaps, VIDEO), VIDEO, pubIds);
        assertEquals(1111, o.ssrc());
        assertEquals(pt, o.payloadType());
        assertEquals(rtxPt, o.rtxPayloadType());
        assertEquals(rtxSsrc, o.rtxSsrc());
        for (int i = 0; i < 256; i++) {
            assertEquals(ids.getOrDefault(i, 0).intValue(), o.extensionIdMap()[i] & 0xFF, "id " + i);
        }
    }

    @Test
    void theSectionsTransportCcIdIsWhatTheSubscriberStamps() {
        assertEquals(6, OutputPlanner.transportCcId(section(List.of(vp8(100)),
                List.of(new Extmap(5, MID), new Extmap(6, TWCC)), VIDEO)));
        assertEquals(0, OutputPlanner.transportCcId(section(List.of(vp8(100)), List.of(new Extmap(5, MID)), VIDEO)));
    }

    @Test
    void noPrimaryCodecMeansNoOutput() {
        assertNull(OutputPlanner.output(section(List.of(rtx(97, 96)), List.of(), VIDEO), VIDEO, Map.of()));
        assertNull(OutputPlanner.output(section(List.of(), List.of(), VIDEO), VIDEO, Map.of()));
    }

    @Test
    void sectionOfFindsTheTrackKey() {
        PlannedSection carrying = section(List.of(vp8(96)), List.of(), VIDEO);
        PlannedSection free = new PlannedSection("2", "audio", PlannedSection.Owner.SERVER, false,
                Direction.INACTIVE, List.of(), List.of(), null, null);
        SessionPlan plan = new SessionPlan("1", 1, List.of(free, carrying), Map.of(), Map.of(), null);
        assertSame(carrying, OutputPlanner.sectionOf(plan, "pub/v"));
        assertNull(OutputPlanner.sectionOf(plan, "pub/a"));
    }
}
