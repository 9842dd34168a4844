package io.junction.sfu.sdp;

import io.junction.dtls.DtlsRole;

import io.junction.dtls.Fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnswerBuilderTest {
    static final ServerTransport TRANSPORT = new ServerTransport("srvU", "serverpassword0123456789",
            new Fingerprint("sha-256", "AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99"),
            List.of("1 1 udp 2130706431 127.0.0.1 40000 typ host"), false);

    private static AnswerBuilder.Result answer(String sample) throws SdpException {
        return AnswerBuilder.build(SdpSamples.parse(sample), TRANSPORT, SessionPlan.initial("1000"));
    }

    @Test
    void answersChromeOffer() throws SdpException {
        AnswerBuilder.Result r = answer(SdpSamples.CHROME);
        SessionDescription a = r.answer();
        assertEquals(List.of(new Group("BUNDLE", List.of("0", "1"))), a.groups());
        assertEquals(true, a.extmapAllowMixed());
        assertEquals(2, a.media().size());

        MediaDescription audio = a.media().get(0);
        assertEquals("0", audio.mid());
        assertEquals(Direction.RECVONLY, audio.direction());
        assertEquals(List.of("111"), audio.formats());
        assertEquals("minptime=10;useinbandfec=1", audio.codec(111).fmtp());
        assertEquals(List.of(new Extmap(1, SupportedExtensions.AUDIO_LEVEL), new Extmap(2, SupportedExtensions.ABS_SEND_TIME),
                new Extmap(3, SupportedExtensions.TRANSPORT_CC), new Extmap(4, SupportedExtensions.MID)), audio.extmaps());
        assertEquals("passive", audio.setup());
        assertEquals("srvU", audio.iceUfrag());
        assertTrue(audio.rtcpMux());
        assertEquals(TRANSPORT.candidates(), audio.candidates());

        MediaDescription video = a.media().get(1);
        assertEquals(Direction.RECVONLY, video.direction());
        // VP8, VP9 p0, VP9 p2, AV1, H264 42001f/42e01f/4d001f/64001f in mode 1, each with its RTX;
        // H264 mode 0, red, ulpfec and their RTX are dropped.
        assertEquals(List.of("96", "97", "98", "99", "100", "101", "45", "46", "102", "103", "106", "107",
                "127", "125", "112", "113"), video.formats());
        assertEquals("level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=4d001f", video.codec(127).fmtp());
        assertEquals(List.of("goog-remb", "transport-cc", "ccm fir", "nack", "nack pli"), video.codec(96).rtcpFb());
        assertEquals(List.of(2, 3, 4, 10, 11), video.extmaps().stream().map(Extmap::id).toList());
        assertTrue(video.msids().isEmpty() && video.ssrcs().isEmpty(), "the server sends nothing here");

        NegotiatedMedia nv = r.media().get(1);
        assertEquals("1", nv.mid());
        assertEquals(Direction.RECVONLY, nv.direction());
        assertEquals(8, nv.codecs().size());
        assertEquals(97, nv.rtxPtByPrimaryPt().get(96));
        assertEquals(125, nv.rtxPtByPrimaryPt().get(127));
        assertEquals(Map.of(SupportedExtensions.ABS_SEND_TIME, 2, SupportedExtensions.TRANSPORT_CC, 3,
                SupportedExtensions.MID, 4, SupportedExtensions.RID, 10, SupportedExtensions.REPAIRED_RID, 11), nv.extIdsByUri());
        assertEquals(new Msid("7b3a1f0e-5c2d-4e8f-9a61-2d4b8c0e1f37", "e5d8c7b6-3a21-4f09-b8e7-1c2d3e4f5a6b"), nv.msid());
        assertEquals(List.of(new SourceSsrcs(2731046251L, 3950286713L, "Yq2mO8Zk1vTn5RbW")), nv.sources());
        assertEquals(List.of(new SourceSsrcs(1842390071L, SourceSsrcs.NO_RTX, "Yq2mO8Zk1vTn5RbW")), r.media().get(0).sources());

        SessionPlan plan = r.plan();
        assertEquals(DtlsRole.SERVER, plan.dtlsRole());
        assertEquals(111, plan.payloadTypes().get("opus/48000/2"));
        assertEquals(96, plan.payloadTypes().get("vp8/90000"));
        assertEquals(97, plan.payloadTypes().get("rtx:vp8/90000"));
        assertEquals(106, plan.payloadTypes().get("h264/90000;profile=42e0;pm=1"));
        assertEquals(4, plan.extensionIds().get(SupportedExtensions.MID));
        assertEquals(1, plan.sessionVersion());
    }

    @Test
    void answerRoundTripsAndPassesTheValidator() throws SdpException {
        for (String sample : List.of(SdpSamples.CHROME, SdpSamples.FIREFOX, SdpSamples.SIMULCAST, SdpSamples.RECVONLY)) {
            SessionDescription a = answer(sample).answer();
            SessionDescription reparsed = SdpParser.parse(SdpWriter.write(a));
            assertEquals(a, reparsed, sample);
            SdpValidator.validate(reparsed);
        }
    }

    @Test
    void firefoxOfferKeepsFirefoxPayloadTypes() throws SdpException {
        AnswerBuilder.Result r = answer(SdpSamples.FIREFOX);
        MediaDescription video = r.answer().media().get(1);
        assertEquals(List.of("120", "124", "121", "125", "126", "127"), video.formats());
        assertEquals("", video.codec(120).fmtp(), "max-fs/max-fr are the offerer's receive limits");
        assertEquals(List.of(new SourceSsrcs(3172446312L, 1093786452L, "{c4a7e9b1-2d3f-4a5b-9c6d-7e8f9a0b1c2d}")),
                r.media().get(1).sources());
        assertEquals(List.of(new Extmap(1, SupportedExtensions.AUDIO_LEVEL), new Extmap(3, SupportedExtensions.MID)),
                r.answer().media().get(0).extmaps());
    }

    @Test
    void simulcastIsMirrored() throws SdpException {
        AnswerBuilder.Result r = answer(SdpSamples.SIMULCAST);
        MediaDescription v = r.answer().media().get(0);
        assertEquals(List.of(new Rid("q", "recv", ""), new Rid("h", "recv", ""), new Rid("f", "recv", "")), v.rids());
        assertEquals("recv q;h;f", v.simulcast());
        assertEquals(3, r.media().get(0).rids().size());
        assertEquals("send q;h;f", r.media().get(0).simulcast());
    }

    @Test
    void ssrcGroupSimulcastLayersAreKeptLowestFirst() throws SdpException {
        String sim = "a=ssrc-group:SIM 2731046251 11 22\r\na=ssrc-group:FID 11 12\r\na=ssrc-group:FID 22 23\r\n"
                + "a=ssrc:11 cname:Yq2mO8Zk1vTn5RbW\r\na=ssrc:12 cname:Yq2mO8Zk1vTn5RbW\r\n"
                + "a=ssrc:22 cname:Yq2mO8Zk1vTn5RbW\r\na=ssrc:23 cname:Yq2mO8Zk1vTn5RbW\r\n";
        String sdp = SdpSamples.load(SdpSamples.CHROME)
                .replace("a=ssrc-group:FID 2731046251 3950286713\r\n", sim + "a=ssrc-group:FID 2731046251 3950286713\r\n");
        AnswerBuilder.Result r = AnswerBuilder.build(SdpParser.parse(sdp), TRANSPORT, SessionPlan.initial("1"));
        assertEquals(List.of(new SourceSsrcs(2731046251L, 3950286713L, null), new SourceSsrcs(11, 12, null),
                new SourceSsrcs(22, 23, null)), r.media().get(1).simulcastSsrcs());
        assertEquals(List.of(), r.media().get(0).simulcastSsrcs(), "audio has none");
        String broken = sdp.replace("a=ssrc-group:SIM 2731046251 11 22", "a=ssrc-group:SIM 2731046251 11 11");
        AnswerBuilder.Result b = AnswerBuilder.build(SdpParser.parse(broken), TRANSPORT, SessionPlan.initial("1"));
        assertEquals(List.of(), b.media().get(1).simulcastSsrcs(), "an ssrc twice in SIM: a plain section");
    }

    @Test
    void recvonlyOfferIsAnsweredInactive() throws SdpException {
        AnswerBuilder.Result r = answer(SdpSamples.RECVONLY);
        for (MediaDescription m : r.answer().media()) {
            assertEquals(Direction.INACTIVE, m.direction());
            assertTrue(m.port() != 0);
        }
    }

    @Test
    void unsupportedSectionsAreRejectedInPlace() throws SdpException {
        String sdp = SdpSamples.load(SdpSamples.CHROME).replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 0 1 2")
                + "m=application 9 UDP/DTLS/SCTP bfcp\r\nc=IN IP4 0.0.0.0\r\n"
                + "a=ice-ufrag:Qx7p\r\na=ice-pwd:Vb3kZr9Lm2TqWs8YhN4cJd6F\r\na=fingerprint:sha-256 AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99\r\n"
                + "a=setup:actpass\r\na=mid:2\r\n";
        AnswerBuilder.Result r = AnswerBuilder.build(SdpParser.parse(sdp), TRANSPORT, SessionPlan.initial("1"));
        MediaDescription data = r.answer().media().get(2);
        assertEquals(0, data.port());
        assertEquals("2", data.mid());
        assertEquals(List.of("bfcp"), data.formats());
        assertEquals(List.of("0", "1"), r.answer().bundleGroup().mids());
        assertTrue(r.media().get(2).rejected());
    }

    @Test
    void videoWithOnlyUnsupportedCodecsIsRejected() throws SdpException {
        String sdp = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE a v\r\n"
                + "m=audio 9 UDP/TLS/RTP/SAVPF 0\r\nc=IN IP4 0.0.0.0\r\na=ice-ufrag:abcd\r\n"
                + "a=ice-pwd:0123456789012345678901\r\na=fingerprint:sha-256 AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99\r\na=setup:passive\r\na=mid:a\r\n"
                + "a=sendonly\r\na=rtcp-mux\r\na=rtpmap:0 PCMU/8000\r\n"
                + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=mid:v\r\na=rtcp-mux\r\n"
                + "a=ice-ufrag:abcd\r\na=ice-pwd:0123456789012345678901\r\na=fingerprint:sha-256 AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99\r\n"
                + "a=setup:passive\r\na=rtpmap:96 H263/90000\r\n";
        AnswerBuilder.Result r = AnswerBuilder.build(SdpParser.parse(sdp), TRANSPORT, SessionPlan.initial("1"));
        assertEquals(0, r.answer().media().get(0).port());
        assertEquals(0, r.answer().media().get(1).port());
        assertNull(r.answer().bundleGroup());
        assertEquals(DtlsRole.CLIENT, r.plan().dtlsRole(), "offer passive: the server is the DTLS client");
    }

    @Test
    void dtlsRoleRules() throws SdpException {
        assertEquals(DtlsRole.SERVER, AnswerBuilder.chooseRole("actpass", null));
        assertEquals(DtlsRole.SERVER, AnswerBuilder.chooseRole("active", null));
        assertEquals(DtlsRole.CLIENT, AnswerBuilder.chooseRole("passive", null));
        assertEquals(DtlsRole.CLIENT, AnswerBuilder.chooseRole("actpass", DtlsRole.CLIENT));
        assertEquals("unsupported", assertThrows(SdpException.class,
                () -> AnswerBuilder.chooseRole("passive", DtlsRole.SERVER)).code());
        assertEquals("bad-sdp", assertThrows(SdpException.class,
                () -> AnswerBuilder.chooseRole("holdconn", null)).code());
    }

    @Test
    void invalidOfferIsRefusedWithCode() throws SdpParseException {
        String noBundle = SdpSamples.load(SdpSamples.CHROME).replace("a=group:BUNDLE 0 1\r\n", "");
        SdpException e = assertThrows(SdpException.class,
                () -> AnswerBuilder.build(SdpParser.parse(noBundle), TRANSPORT, SessionPlan.initial("1")));
        assertEquals("unsupported", e.code());
    }
}
