package io.junction.sfu.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CodecMatcherTest {

    /** RFC 6184 section 8.2.2: profile_idc + profile_iop must match; the answer takes the lower level. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "REJECT", value = {
            "packetization-mode=1;profile-level-id=42e01f                           | packetization-mode=1;profile-level-id=42e01f",
            "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f | level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f",
            "packetization-mode=1;profile-level-id=4d0032                           | packetization-mode=1;profile-level-id=4d0032",
            "packetization-mode=1;profile-level-id=640034                           | packetization-mode=1;profile-level-id=640034",
            "packetization-mode=1;profile-level-id=42e03e                           | packetization-mode=1;profile-level-id=42e034",
            "packetization-mode=1;profile-level-id=64003e                           | packetization-mode=1;profile-level-id=640034",
            "packetization-mode=1;profile-level-id=42E01F                           | packetization-mode=1;profile-level-id=42e01f",
            "packetization-mode=1                                                   | packetization-mode=1;profile-level-id=42000a",
            "packetization-mode=0;profile-level-id=42e01f                           | REJECT",
            "profile-level-id=42e01f                                                | REJECT",
            "packetization-mode=1;profile-level-id=42c01f                           | REJECT",
            "packetization-mode=1;profile-level-id=f4001f                           | REJECT",
            "packetization-mode=1;profile-level-id=640c1f                           | REJECT",
            "packetization-mode=1;profile-level-id=zz001f                           | REJECT",
            "packetization-mode=1;profile-level-id=42e0                             | REJECT"})
    void h264ProfileMatching(String offeredFmtp, String expected) {
        Codec offered = new Codec(102, "H264", 90000, 0, offeredFmtp, List.of());
        Optional<String> answer = CodecMatcher.answerH264(offered.fmtpParams());
        assertEquals(Optional.ofNullable(expected), answer);
    }

    @Test
    void opusKeepsOnlyHonouredParameters() {
        Codec opus = new Codec(109, "opus", 48000, 2, "maxplaybackrate=48000;stereo=1;useinbandfec=1;usedtx=1",
                List.of("transport-cc", "nack"));
        Codec a = CodecMatcher.acceptPrimary("audio", opus).orElseThrow();
        assertEquals("useinbandfec=1;usedtx=1", a.fmtp());
        assertEquals(List.of("transport-cc", "nack"), a.rtcpFb());
        assertTrue(CodecMatcher.acceptPrimary("audio", new Codec(0, "PCMU", 8000, 0, "", List.of())).isEmpty());
        assertTrue(CodecMatcher.acceptPrimary("video", opus).isEmpty(), "opus in a video section");
        assertTrue(CodecMatcher.acceptPrimary("audio", opus.withFmtp("").withPt(111)).isPresent());
        assertTrue(CodecMatcher.acceptPrimary("audio", new Codec(111, "opus", 48000, 1, "", List.of())).isEmpty());
    }

    @Test
    void vp9AndAv1Profiles() {
        assertEquals("profile-id=0", CodecMatcher.acceptPrimary("video",
                new Codec(98, "VP9", 90000, 0, "", List.of())).orElseThrow().fmtp());
        assertEquals("profile-id=2", CodecMatcher.acceptPrimary("video",
                new Codec(100, "VP9", 90000, 0, "profile-id=2", List.of())).orElseThrow().fmtp());
        assertTrue(CodecMatcher.acceptPrimary("video", new Codec(100, "VP9", 90000, 0, "profile-id=1", List.of())).isEmpty());
        assertTrue(CodecMatcher.acceptPrimary("video", new Codec(45, "AV1", 90000, 0, "profile=1", List.of())).isEmpty());
        assertTrue(CodecMatcher.acceptPrimary("video", new Codec(96, "VP8", 8000, 0, "", List.of())).isEmpty());
    }

    @Test
    void rtxFollowsItsPrimaryAndRtcpFbIsFiltered() {
        List<Codec> offered = List.of(
                new Codec(96, "VP8", 90000, 0, "", List.of("goog-remb", "nack", "nack pli", "ccm tmmbr")),
                new Codec(97, "rtx", 90000, 0, "apt=96;rtx-time=3000", List.of()),
                new Codec(114, "red", 90000, 0, "", List.of()),
                new Codec(115, "rtx", 90000, 0, "apt=114", List.of()));
        List<Codec> selected = CodecMatcher.select("video", offered);
        assertEquals(List.of(96, 97), selected.stream().map(Codec::pt).toList());
        assertEquals(List.of("goog-remb", "nack", "nack pli"), selected.get(0).rtcpFb());
        assertEquals("apt=96", selected.get(1).fmtp());
        assertEquals(Map.of(96, 97), CodecMatcher.rtxByPrimary(selected));
    }

    @Test
    void keysIdentifyConfigurationsNotPayloadTypes() {
        Codec a = new Codec(102, "H264", 90000, 0, "packetization-mode=1;profile-level-id=42e01f", List.of());
        Codec b = new Codec(106, "h264", 90000, 0, "profile-level-id=42e034;packetization-mode=1", List.of());
        Codec c = new Codec(108, "H264", 90000, 0, "packetization-mode=1;profile-level-id=42001f", List.of());
        assertEquals(CodecMatcher.key(a), CodecMatcher.key(b));
        assertTrue(!CodecMatcher.key(a).equals(CodecMatcher.key(c)));
        assertEquals("opus/48000/2", CodecMatcher.key(new Codec(111, "opus", 48000, 2, "minptime=10", List.of())));
    }
}
