package io.junction.sfu.sdp;

import static io.junction.sfu.sdp.AnswerBuilderTest.TRANSPORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 8841 data sections: answered bundled, in a first offer or a later one, and kept by server re-offers. */
class DataSectionTest {
    static String dataSection(String mid, String extra) {
        return "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\n"
                + "a=ice-ufrag:Qx7p\r\na=ice-pwd:Vb3kZr9Lm2TqWs8YhN4cJd6F\r\na=fingerprint:sha-256 AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99\r\n"
                + "a=setup:actpass\r\na=mid:" + mid + "\r\n" + extra;
    }

    static String chromeWithData(String bundle, String sections) {
        return SdpSamples.load(SdpSamples.CHROME).replace("a=group:BUNDLE 0 1", "a=group:BUNDLE " + bundle)
                + sections;
    }

    @Test
    void dataSectionInTheFirstOfferIsAnsweredBundled() throws Exception {
        String sdp = chromeWithData("0 1 2", dataSection("2", "a=sctp-port:5000\r\na=max-message-size:262144\r\n"));
        AnswerBuilder.Result r = AnswerBuilder.build(SdpParser.parse(sdp), TRANSPORT, SessionPlan.initial("1"));
        MediaDescription data = r.answer().media().get(2);
        assertEquals(9, data.port());
        assertEquals("UDP/DTLS/SCTP", data.proto());
        assertEquals(List.of("webrtc-datachannel"), data.formats());
        assertEquals("2", data.mid());
        assertEquals("passive", data.setup());
        assertFalse(data.rtcpMux());
        assertEquals(List.of("0", "1", "2"), r.answer().bundleGroup().mids());
        assertEquals(new SctpDescription(5000, 261120), SctpDescription.find(r.answer()), "256 KiB less the "
                + "envelope reserve");
        assertFalse(r.media().get(2).rejected());
        assertEquals("application", r.media().get(2).kind());
        assertTrue(r.media().get(2).codecs().isEmpty());

        String text = r.sdp();
        String section = text.substring(text.indexOf("m=application"));
        assertTrue(section.startsWith("m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n"), section);
        assertTrue(section.contains("a=sctp-port:5000\r\n"), section);
        assertTrue(section.contains("a=max-message-size:261120\r\n"), section);
        assertFalse(section.contains("a=sendrecv"), "no direction in an SCTP section: " + section);
        assertFalse(section.contains("a=rtcp-mux"), section);
        assertEquals(new SctpDescription(5000, 261120), SctpDescription.find(SdpParser.parse(text)));
    }

    @Test
    void dataSectionAddedByALaterOfferIsAccepted() throws Exception {
        AnswerBuilder.Result first = AnswerBuilder.build(SdpSamples.parse(SdpSamples.CHROME), TRANSPORT,
                SessionPlan.initial("1"));
        assertNull(SctpDescription.find(first.answer()));
        String sdp = chromeWithData("0 1 2", dataSection("2", "a=sctp-port:5001\r\n"));
        SessionDescription offer = SdpParser.parse(sdp);
        assertEquals(new SctpDescription(5001, SctpDescription.DEFAULT_MAX_MESSAGE_SIZE), SctpDescription.find(offer));
        AnswerBuilder.Result second = AnswerBuilder.build(offer, TRANSPORT, first.plan());
        assertEquals(3, second.answer().media().size());
        assertEquals(9, second.answer().media().get(2).port());
        assertEquals(List.of("0", "1", "2"), second.answer().bundleGroup().mids());
        // The same offer again (a re-offer without changes) keeps the section.
        AnswerBuilder.Result third = AnswerBuilder.build(offer, TRANSPORT, second.plan());
        assertEquals(9, third.answer().media().get(2).port());
    }

    @Test
    void aSecondDataSectionIsRejected() throws Exception {
        String sdp = chromeWithData("0 1 2 3", dataSection("2", "") + dataSection("3", ""));
        AnswerBuilder.Result r = AnswerBuilder.build(SdpParser.parse(sdp), TRANSPORT, SessionPlan.initial("1"));
        assertEquals(9, r.answer().media().get(2).port());
        assertEquals(0, r.answer().media().get(3).port());
        assertTrue(r.media().get(3).rejected());
        assertEquals(List.of("0", "1", "2"), r.answer().bundleGroup().mids());
    }

    @Test
    void aRejectedDataSectionInTheOfferStaysRejected() throws Exception {
        String sdp = chromeWithData("0 1", dataSection("2", "").replace("m=application 9", "m=application 0"));
        AnswerBuilder.Result r = AnswerBuilder.build(SdpParser.parse(sdp), TRANSPORT, SessionPlan.initial("1"));
        assertEquals(0, r.answer().media().get(2).port());
        assertNull(SctpDescription.find(r.answer()));
    }

    @Test
    void serverReOffersRepeatTheDataSectionAndItsAnswerKeepsIt() throws Exception {
        String sdp = chromeWithData("0 1 2", dataSection("2", "a=sctp-port:5000\r\n"));
        AnswerBuilder.Result r = AnswerBuilder.build(SdpParser.parse(sdp), TRANSPORT, SessionPlan.initial("1"));
        OfferBuilder.Result offer = OfferBuilder.build(r.plan(), List.of(OfferBuilderTest.video("v1", 1000)),
                TRANSPORT);
        SessionDescription o = OfferBuilderTest.text(offer.offer());
        MediaDescription data = o.media().get(2);
        assertEquals("application", data.kind());
        assertEquals(9, data.port());
        assertEquals(new SctpDescription(5000, 261120), SctpDescription.of(data));
        assertTrue(o.bundleGroup().mids().contains("2"));
        AnswerApplier.Result applied = AnswerApplier.apply(offer.plan(), OfferBuilderTest.browserAnswer(o, "active"));
        assertFalse(applied.media().get(2).rejected());
        assertEquals("application", applied.plan().sections().get(2).kind());
        assertFalse(applied.plan().sections().get(2).rejected());
    }

    @Test
    void sendLimitCapsThePeersMaximum() {
        assertEquals(65536, new SctpDescription(5000, 65536).sendLimit());
        assertEquals(262144, new SctpDescription(5000, 0).sendLimit());
        assertEquals(262144, new SctpDescription(5000, 1 << 30).sendLimit());
    }
}
