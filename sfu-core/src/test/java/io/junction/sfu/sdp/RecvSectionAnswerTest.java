package io.junction.sfu.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Answer-only reception (WHEP): tracks go into the client's own recvonly sections. */
class RecvSectionAnswerTest {
    private static final SendTrack AUDIO = new SendTrack("p1/0", "audio", 1111, SourceSsrcs.NO_RTX, "p1", "mic",
            "junction-p1", List.of(new Codec(109, "opus", 48000, 2, "minptime=10", List.of())));
    private static final SendTrack VP8 = new SendTrack("p1/1", "video", 2222, 3333, "p1", "cam", "junction-p1",
            List.of(new Codec(120, "VP8", 90000, 0, "", List.of())));
    private static final SendTrack H264 = new SendTrack("p2/1", "video", 4444, 5555, "p2", "cam", "junction-p2",
            List.of(new Codec(102, "H264", 90000, 0, "packetization-mode=1;profile-level-id=42e01f", List.of())));

    private static AnswerBuilder.Result answer(List<SendTrack> place) throws SdpException {
        return AnswerBuilder.build(SdpSamples.parse(SdpSamples.RECVONLY), AnswerBuilderTest.TRANSPORT,
                SessionPlan.initial("5"), place);
    }

    @Test
    void placesEachTrackSendonlyWithTheClientsPayloadTypesAndExtensionIds() throws SdpException {
        AnswerBuilder.Result r = answer(List.of(VP8, AUDIO));
        MediaDescription audio = r.answer().media().get(0);
        assertEquals(Direction.SENDONLY, audio.direction());
        assertEquals(List.of("111"), audio.formats(), "the client's opus payload type, not the publisher's 109");
        assertEquals(List.of(1111L), audio.ssrcIds());
        assertEquals("p1", audio.msids().get(0).streamId());
        MediaDescription video = r.answer().media().get(1);
        assertEquals(Direction.SENDONLY, video.direction());
        assertEquals(List.of("96", "97"), video.formats());
        assertEquals(List.of(2222L, 3333L), video.ssrcGroups().get(0).ssrcs(), "FID media then RTX");
        assertEquals(3, video.extmapId(SupportedExtensions.TRANSPORT_CC));
        PlannedSection planned = r.plan().sections().get(1);
        assertEquals(PlannedSection.Owner.SERVER, planned.owner());
        assertEquals("p1/1", planned.track().trackKey());
        assertEquals(Direction.SENDONLY, r.media().get(1).direction());
    }

    @Test
    void aTrackWhoseCodecIsNotOfferedLeavesTheSectionInactive() throws SdpException {
        AnswerBuilder.Result r = answer(List.of(H264));
        MediaDescription video = r.answer().media().get(1);
        assertEquals(Direction.INACTIVE, video.direction());
        assertEquals(List.of(), video.ssrcIds());
        assertNull(r.plan().sections().get(1).track());
    }

    @Test
    void withoutTracksEveryReceiveSectionIsInactiveAsBefore() throws SdpException {
        AnswerBuilder.Result r = answer(List.of());
        for (MediaDescription m : r.answer().media()) {
            assertEquals(Direction.INACTIVE, m.direction());
        }
    }

    @Test
    void secondTrackOfAKindWithoutASectionStaysUnplaced() throws SdpException {
        SendTrack vp8b = new SendTrack("p3/1", "video", 6666, SourceSsrcs.NO_RTX, "p3", "cam", "junction-p3",
                VP8.codecs());
        AnswerBuilder.Result r = answer(List.of(VP8, vp8b));
        assertEquals("p1/1", r.plan().sections().get(1).track().trackKey());
        assertEquals(2, r.plan().sections().size());
    }
}
