package io.junction.sfu.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SdpParserTest {

    @Test
    void chromeOfferFields() {
        SessionDescription s = SdpSamples.parse(SdpSamples.CHROME);
        assertEquals("4611731400430051336", s.origin().sessionId());
        assertEquals(2, s.origin().sessionVersion());
        assertEquals(List.of(new Group("BUNDLE", List.of("0", "1"))), s.groups());
        assertTrue(s.extmapAllowMixed());
        assertEquals(" WMS 7b3a1f0e-5c2d-4e8f-9a61-2d4b8c0e1f37", s.msidSemantic());
        assertEquals(2, s.media().size());

        MediaDescription audio = s.media().get(0);
        assertEquals("audio", audio.kind());
        assertEquals(46243, audio.port());
        assertEquals("UDP/TLS/RTP/SAVPF", audio.proto());
        assertEquals("0", audio.mid());
        assertEquals(Direction.SENDRECV, audio.direction());
        assertEquals("Qx7p", audio.iceUfrag());
        assertEquals("Vb3kZr9Lm2TqWs8YhN4cJd6F", audio.icePwd());
        assertEquals("actpass", audio.setup());
        assertEquals("sha-256", audio.fingerprint().algorithm());
        assertTrue(audio.rtcpMux());
        assertTrue(audio.rtcpRsize());
        assertEquals(List.of("1467250027 1 udp 2122260223 127.0.0.1 46243 typ host generation 0 network-id 1"),
                audio.candidates());
        assertEquals(8, audio.codecs().size());
        Codec opus = audio.codec(111);
        assertEquals("opus", opus.name());
        assertEquals(48000, opus.clockRate());
        assertEquals(2, opus.channels());
        assertEquals("minptime=10;useinbandfec=1", opus.fmtp());
        assertEquals(List.of("transport-cc"), opus.rtcpFb());
        assertEquals(1, audio.extmapId("urn:ietf:params:rtp-hdrext:ssrc-audio-level"));
        assertEquals(List.of(new Msid("7b3a1f0e-5c2d-4e8f-9a61-2d4b8c0e1f37", "a1c9e2f4-0b7d-4c3e-8f25-6d9a0b1c2e3f")),
                audio.msids());
        assertEquals("Yq2mO8Zk1vTn5RbW", audio.ssrcAttribute(1842390071L, "cname"));
        assertTrue(audio.otherAttributes().contains("rtcp:9 IN IP4 0.0.0.0"));

        MediaDescription video = s.media().get(1);
        assertEquals(25, video.codecs().size());
        assertEquals(List.of(new SsrcGroup("FID", List.of(2731046251L, 3950286713L))), video.ssrcGroups());
        assertEquals(List.of(2731046251L, 3950286713L), video.ssrcIds());
        Codec rtx = video.codec(97);
        assertTrue(rtx.isRtx());
        assertEquals(96, rtx.apt());
        assertEquals("42001f", video.codec(102).fmtpParams().get("profile-level-id"));
        assertEquals(List.of("goog-remb", "transport-cc", "ccm fir", "nack", "nack pli"), video.codec(96).rtcpFb());
        assertEquals(11, video.extmaps().size());
        assertEquals(14, video.extmapId("urn:ietf:params:rtp-hdrext:toffset"));
    }

    @Test
    void firefoxOfferWithFmtpBeforeRtpmap() {
        SessionDescription s = SdpSamples.parse(SdpSamples.FIREFOX);
        assertEquals("mozilla...THIS_IS_SDPARTA-115.0", s.origin().username());
        assertEquals("sha-256", s.fingerprint().algorithm());
        assertEquals("trickle", s.iceOptions());
        MediaDescription audio = s.media().get(0);
        assertNull(audio.fingerprint());
        assertEquals("sha-256", s.effectiveFingerprint(audio).algorithm());
        assertEquals(new Extmap(2, Direction.RECVONLY, "urn:ietf:params:rtp-hdrext:csrc-audio-level", ""),
                audio.extmaps().get(1));
        assertEquals("G722", audio.codec(9).name());
        assertEquals(1, audio.codec(9).channels());
        MediaDescription video = s.media().get(1);
        Codec h264 = video.codec(126);
        assertEquals("H264", h264.name());
        assertEquals("profile-level-id=42e01f;level-asymmetry-allowed=1;packetization-mode=1", h264.fmtp());
        assertEquals(5, h264.rtcpFb().size());
        assertEquals(120, video.codec(124).apt());
    }

    @Test
    void simulcastOfferKeepsRidsAndSimulcast() {
        MediaDescription video = SdpSamples.parse(SdpSamples.SIMULCAST).media().get(0);
        assertEquals(Direction.SENDONLY, video.direction());
        assertEquals(List.of(new Rid("q", "send", ""), new Rid("h", "send", ""), new Rid("f", "send", "")),
                video.rids());
        assertEquals("send q;h;f", video.simulcast());
        assertTrue(video.ssrcs().isEmpty());
    }

    @Test
    void recvonlyOfferHasNoMsid() {
        SessionDescription s = SdpSamples.parse(SdpSamples.RECVONLY);
        for (MediaDescription m : s.media()) {
            assertEquals(Direction.RECVONLY, m.direction());
            assertTrue(m.msids().isEmpty());
        }
        assertEquals(" WMS", s.msidSemantic());
    }

    @ParameterizedTest
    @ValueSource(strings = {SdpSamples.CHROME, SdpSamples.FIREFOX, SdpSamples.SIMULCAST, SdpSamples.RECVONLY})
    void roundTripIsStable(String name) throws SdpParseException {
        SessionDescription first = SdpSamples.parse(name);
        String written = SdpWriter.write(first);
        assertTrue(written.endsWith("\r\n"));
        assertFalse(written.replace("\r\n", "").contains("\n"), "only CRLF line ends");
        SessionDescription second = SdpParser.parse(written);
        assertEquals(first, second);
        assertEquals(written, SdpWriter.write(second));
    }

    @Test
    void acceptsLfAndCrlf() throws SdpParseException {
        String crlf = SdpSamples.load(SdpSamples.CHROME);
        assertEquals(SdpParser.parse(crlf), SdpParser.parse(crlf.replace("\r\n", "\n")));
    }

    @Test
    void missingDirectionMeansSendrecv() throws SdpParseException {
        SessionDescription s = SdpParser.parse("v=0\no=- 1 1 IN IP4 0.0.0.0\ns=-\nt=0 0\n"
                + "m=audio 9 UDP/TLS/RTP/SAVPF 0\na=mid:a\n");
        assertEquals(Direction.SENDRECV, s.media().get(0).direction());
        assertEquals("", s.media().get(0).codec(0).name(), "static payload type without rtpmap");
    }

    @Test
    void datachannelSectionKeepsFormatsAndAttributes() throws SdpParseException {
        SessionDescription s = SdpParser.parse("v=0\no=- 1 1 IN IP4 0.0.0.0\ns=-\nt=0 0\n"
                + "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\na=mid:2\na=sctp-port:5000\n"
                + "a=max-message-size:262144\n");
        MediaDescription m = s.media().get(0);
        assertFalse(m.isRtp());
        assertEquals(List.of("webrtc-datachannel"), m.formats());
        assertEquals(List.of("sctp-port:5000", "max-message-size:262144"), m.otherAttributes());
        assertTrue(m.codecs().isEmpty());
    }
}
