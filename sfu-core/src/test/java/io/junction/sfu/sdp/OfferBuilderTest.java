package io.junction.sfu.sdp;

import io.junction.dtls.DtlsRole;

import io.junction.dtls.Fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OfferBuilderTest {
    private static final ServerTransport TRANSPORT = AnswerBuilderTest.TRANSPORT;
    private static final Codec VP8 = new Codec(120, "VP8", 90000, 0, "", List.of());
    private static final Codec OPUS = new Codec(109, "opus", 48000, 2, "minptime=10;useinbandfec=1", List.of());

    static SendTrack video(String key, long ssrc) {
        return new SendTrack(key, "video", ssrc, ssrc + 1, "p2", "track-" + key, "cname-p2", List.of(VP8));
    }

    private static SendTrack audio(String key, long ssrc) {
        return new SendTrack(key, "audio", ssrc, SourceSsrcs.NO_RTX, "p3", "track-" + key, "cname-p3", List.of(OPUS));
    }

    /** A plan after the Chrome sample published audio (mid 0) and video (mid 1). */
    private static SessionPlan publishedPlan() throws SdpException {
        return AnswerBuilder.build(SdpSamples.parse(SdpSamples.CHROME), TRANSPORT, SessionPlan.initial("77")).plan();
    }

    /** Writes and re-parses, so every offer also goes through the text form. */
    static SessionDescription text(SessionDescription s) throws SdpParseException {
        return SdpParser.parse(SdpWriter.write(s));
    }

    /** The answer a browser would give: same sections, mirrored directions, offered PTs and ids. */
    static SessionDescription browserAnswer(SessionDescription offer, String setup) throws SdpParseException {
        SessionDescription.Builder a = SessionDescription.builder(Origin.of("555", 2));
        a.groups = new ArrayList<>(offer.groups());
        for (MediaDescription m : offer.media()) {
            MediaDescription.Builder b = m.toBuilder();
            b.iceUfrag = "cliU";
            b.icePwd = "clientpassword0123456789";
            b.fingerprint = new Fingerprint("sha-256", "AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99");
            b.setup = setup;
            b.candidates = new ArrayList<>();
            b.endOfCandidates = false;
            b.direction = m.direction().reversed();
            b.msids = new ArrayList<>();
            b.ssrcs = new ArrayList<>();
            b.ssrcGroups = new ArrayList<>();
            a.media.add(b.build());
        }
        return text(a.build());
    }

    private static List<String> mids(SessionDescription s) {
        return s.media().stream().map(MediaDescription::mid).toList();
    }

    private static void assertExtIdsUniqueAcrossBundle(SessionDescription s) {
        Map<Integer, String> uriById = new HashMap<>();
        for (MediaDescription m : s.media()) {
            for (Extmap e : m.extmaps()) {
                String previous = uriById.putIfAbsent(e.id(), e.uri());
                assertTrue(previous == null || previous.equals(e.uri()), "id " + e.id() + " names " + previous
                        + " and " + e.uri());
            }
        }
    }

    @Test
    void addRemoveReuseSequence() throws SdpException {
        SessionPlan plan = publishedPlan();

        // 1. add a video track: a new sendonly section after the client's two.
        OfferBuilder.Result r1 = OfferBuilder.build(plan, List.of(video("v1", 1000)), TRANSPORT);
        SessionDescription o1 = text(r1.offer());
        assertEquals(List.of("0", "1", "2"), mids(o1));
        assertEquals(List.of("0", "1", "2"), o1.bundleGroup().mids());
        MediaDescription s2 = o1.media().get(2);
        assertEquals(Direction.SENDONLY, s2.direction());
        assertEquals(List.of(new Msid("p2", "track-v1")), s2.msids());
        assertEquals(List.of(new SsrcGroup("FID", List.of(1000L, 1001L))), s2.ssrcGroups());
        assertEquals("cname-p2", s2.ssrcAttribute(1000, "cname"));
        assertEquals(List.of("96", "97"), s2.formats(), "the participant's own VP8/RTX payload types");
        assertEquals("apt=96", s2.codec(97).fmtp());
        assertEquals(List.of(2, 3, 4), s2.extmaps().stream().map(Extmap::id).toList(), "the participant's ext ids");
        assertEquals("passive", s2.setup(), "re-offer keeps the DTLS server role");
        assertEquals(Direction.RECVONLY, o1.media().get(0).direction(), "client publish sections keep their direction");
        assertEquals(List.of("111"), o1.media().get(0).formats());
        assertExtIdsUniqueAcrossBundle(o1);
        assertEquals(2, o1.origin().sessionVersion());
        SdpValidator.validate(o1);
        plan = AnswerApplier.apply(r1.plan(), browserAnswer(o1, "active")).plan();

        // 2. add a second track (audio).
        OfferBuilder.Result r2 = OfferBuilder.build(plan, List.of(video("v1", 1000), audio("a1", 2000)), TRANSPORT);
        SessionDescription o2 = text(r2.offer());
        assertEquals(List.of("0", "1", "2", "3"), mids(o2));
        assertEquals(List.of("111"), o2.media().get(3).formats());
        assertEquals(List.of(1, 2, 3, 4), o2.media().get(3).extmaps().stream().map(Extmap::id).toList());
        assertTrue(o2.media().get(3).ssrcGroups().isEmpty());
        assertEquals(s2, o2.media().get(2), "an unchanged section is written identically");
        plan = AnswerApplier.apply(r2.plan(), browserAnswer(o2, "active")).plan();

        // 3. remove the first: its section stays in place, inactive, without ssrc or msid lines.
        OfferBuilder.Result r3 = OfferBuilder.build(plan, List.of(audio("a1", 2000)), TRANSPORT);
        SessionDescription o3 = text(r3.offer());
        assertEquals(List.of("0", "1", "2", "3"), mids(o3));
        MediaDescription gone = o3.media().get(2);
        assertEquals(Direction.INACTIVE, gone.direction());
        assertTrue(gone.ssrcs().isEmpty() && gone.msids().isEmpty() && gone.ssrcGroups().isEmpty());
        assertEquals(9, gone.port());
        assertEquals(List.of("0", "1", "2", "3"), o3.bundleGroup().mids());
        plan = AnswerApplier.apply(r3.plan(), browserAnswer(o3, "active")).plan();
        assertEquals(Direction.INACTIVE, plan.section("2").negotiated().direction());

        // 4. a third video track reuses the inactive slot (same mid), nothing is appended.
        OfferBuilder.Result r4 = OfferBuilder.build(plan, List.of(audio("a1", 2000), video("v3", 3000)), TRANSPORT);
        SessionDescription o4 = text(r4.offer());
        assertEquals(List.of("0", "1", "2", "3"), mids(o4));
        MediaDescription reused = o4.media().get(2);
        assertEquals(Direction.SENDONLY, reused.direction());
        assertEquals(List.of(new Msid("p2", "track-v3")), reused.msids());
        assertEquals(List.of(3000L, 3001L), reused.ssrcIds());
        assertEquals(List.of("96", "97"), reused.formats());
        assertExtIdsUniqueAcrossBundle(o4);
        assertEquals(5, o4.origin().sessionVersion());
        assertEquals("77", o4.origin().sessionId());

        // 5. the synthetic client answer commits it.
        AnswerApplier.Result applied = AnswerApplier.apply(r4.plan(), browserAnswer(o4, "active"));
        NegotiatedMedia n = applied.media().get(2);
        assertEquals(Direction.SENDONLY, n.direction());
        assertEquals(List.of(96), n.codecs().stream().map(Codec::pt).toList());
        assertEquals(Map.of(96, 97), n.rtxPtByPrimaryPt());
        assertEquals(new Msid("p2", "track-v3"), n.msid());
        assertEquals(List.of(new SourceSsrcs(3000, 3001, "cname-p2")), n.sources());
        assertEquals(4, n.extIdsByUri().get(SupportedExtensions.MID));
        assertEquals(Direction.RECVONLY, applied.media().get(1).direction());
        assertEquals(2731046251L, applied.media().get(1).sources().get(0).ssrc(), "publish section keeps its sources");
        assertEquals(DtlsRole.SERVER, applied.plan().dtlsRole());
    }

    @Test
    void watchOnlyParticipantGetsDefaultsAndActpass() throws SdpException {
        SessionPlan plan = SessionPlan.initial("9");
        OfferBuilder.Result r = OfferBuilder.build(plan, List.of(audio("a", 10), video("v", 20)), TRANSPORT);
        SessionDescription o = text(r.offer());
        assertEquals(List.of("0", "1"), mids(o));
        for (MediaDescription m : o.media()) {
            assertEquals("actpass", m.setup());
            assertEquals(TRANSPORT.candidates(), m.candidates());
        }
        assertEquals(List.of("111"), o.media().get(0).formats());
        assertEquals(List.of("96", "97"), o.media().get(1).formats());
        assertExtIdsUniqueAcrossBundle(o);
        SdpValidator.validate(o);

        AnswerApplier.Result applied = AnswerApplier.apply(r.plan(), browserAnswer(o, "active"));
        assertEquals(DtlsRole.SERVER, applied.plan().dtlsRole(), "client active: the server is the DTLS server");
        SessionDescription again = OfferBuilder.build(applied.plan(), List.of(audio("a", 10)), TRANSPORT).offer();
        assertEquals("passive", again.media().get(0).setup());
        assertEquals(Direction.INACTIVE, again.media().get(1).direction());

        SessionPlan asClient = AnswerApplier.apply(r.plan(), browserAnswer(o, "passive")).plan();
        assertEquals(DtlsRole.CLIENT, asClient.dtlsRole());
        assertEquals("active", OfferBuilder.build(asClient, List.of(), TRANSPORT).offer().media().get(0).setup());
    }

    @Test
    void defaultPayloadTypesPerCodec() throws SdpException {
        Codec vp9 = new Codec(1, "VP9", 90000, 0, "profile-id=0", List.of());
        Codec h264 = new Codec(2, "H264", 90000, 0, "packetization-mode=1;profile-level-id=42e01f", List.of());
        Codec av1 = new Codec(3, "AV1", 90000, 0, "", List.of());
        SendTrack t = new SendTrack("v", "video", 5, 6, "p", "t", "c", List.of(VP8, vp9, h264, av1));
        MediaDescription m = OfferBuilder.build(SessionPlan.initial("1"), List.of(t), TRANSPORT).offer().media().get(0);
        assertEquals(List.of("96", "97", "98", "99", "102", "103", "45", "46"), m.formats());
    }

    @Test
    void clientReofferKeepsServerSectionsSending() throws SdpException {
        SessionPlan plan = publishedPlan();
        OfferBuilder.Result r1 = OfferBuilder.build(plan, List.of(video("v1", 1000)), TRANSPORT);
        plan = AnswerApplier.apply(r1.plan(), browserAnswer(r1.offer(), "active")).plan();
        // The client re-offers (e.g. after a renegotiation need): its view mirrors the current state.
        SessionDescription reoffer = browserAnswer(r1.offer(), "actpass");
        AnswerBuilder.Result a = AnswerBuilder.build(reoffer, TRANSPORT, plan);
        MediaDescription sent = a.answer().media().get(2);
        assertEquals(Direction.SENDONLY, sent.direction());
        assertEquals(List.of(new Msid("p2", "track-v1")), sent.msids());
        assertEquals(List.of("96", "97"), sent.formats());
        assertEquals("passive", sent.setup());
        assertEquals(List.of("0", "1", "2"), a.answer().bundleGroup().mids());

        // Reordering m-sections is refused (RFC 8829 section 5.2.2).
        List<MediaDescription> swapped = new ArrayList<>(reoffer.media());
        java.util.Collections.swap(swapped, 1, 2);
        SessionDescription.Builder sb = reoffer.toBuilder();
        sb.media = swapped;
        final SessionPlan current = plan;
        SdpException e = assertThrows(SdpException.class, () -> AnswerBuilder.build(sb.build(), TRANSPORT, current));
        assertEquals("bad-sdp", e.code());
        assertTrue(e.getMessage().contains("reordered"), e.getMessage());
    }

    @Test
    void answerMismatchesAreRefused() throws SdpException {
        OfferBuilder.Result r = OfferBuilder.build(SessionPlan.initial("1"),
                List.of(audio("a", 10), video("v", 20)), TRANSPORT);
        SessionDescription good = browserAnswer(r.offer(), "active");

        SessionDescription.Builder fewer = good.toBuilder();
        fewer.media = new ArrayList<>(good.media().subList(0, 1));
        fewer.groups = List.of(new Group("BUNDLE", List.of("0")));
        assertEquals("bad-sdp", assertThrows(SdpException.class, () -> AnswerApplier.apply(r.plan(), fewer.build())).code());

        SessionDescription.Builder otherPt = good.toBuilder();
        MediaDescription.Builder v = good.media().get(1).toBuilder();
        v.codecs(List.of(new Codec(100, "VP8", 90000, 0, "", List.of())));
        otherPt.media.set(1, v.build());
        SdpException e = assertThrows(SdpException.class, () -> AnswerApplier.apply(r.plan(), otherPt.build()));
        assertTrue(e.getMessage().contains("payload type 100"), e.getMessage());

        SessionDescription.Builder sends = good.toBuilder();
        MediaDescription.Builder s = good.media().get(0).toBuilder();
        s.direction = Direction.SENDRECV;
        sends.media.set(0, s.build());
        assertEquals("bad-sdp", assertThrows(SdpException.class, () -> AnswerApplier.apply(r.plan(), sends.build())).code());

        SessionDescription actpass = browserAnswer(r.offer(), "actpass");
        assertEquals("bad-sdp", assertThrows(SdpException.class, () -> AnswerApplier.apply(r.plan(), actpass)).code());

        SessionDescription.Builder rejected = good.toBuilder();
        MediaDescription.Builder rv = good.media().get(1).toBuilder();
        rv.port = 0;
        rejected.media.set(1, rv.build());
        rejected.groups = List.of(new Group("BUNDLE", List.of("0")));
        AnswerApplier.Result applied = AnswerApplier.apply(r.plan(), rejected.build());
        assertTrue(applied.media().get(1).rejected());
        assertTrue(applied.plan().section("1").rejected());
        assertNull(applied.plan().section("1").track());
        // A rejected section is never reused: the next video track gets a new section.
        SessionDescription next = OfferBuilder.build(applied.plan(), List.of(video("v2", 30)), TRANSPORT).offer();
        assertEquals(List.of("0", "1", "2"), mids(next));
        assertEquals(0, next.media().get(1).port());
        assertFalse(next.bundleGroup().mids().contains("1"));
    }

    @Test
    void duplicateTrackKeysAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> OfferBuilder.build(SessionPlan.initial("1"),
                List.of(audio("a", 1), audio("a", 2)), TRANSPORT));
    }
}
