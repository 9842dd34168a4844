package io.junction.sfu.sdp;

import io.junction.dtls.Fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Coverage-guided fuzz test of a client SDP as the server handles an offer: {@link SdpParser#parse},
 * the simulcast layers of each m-section ({@link SimulcastDescription#ofSender}),
 * then {@link SdpValidator#validate} and {@link AnswerBuilder#build} on what parses, the written
 * answer parsed back, and a re-offer of the same SDP against the resulting plan.
 *
 * <p>Property: the only failures are the documented {@link SdpParseException} and
 * {@link SdpException} with a protocol error code; an answer the server writes always parses.
 */
class SdpFuzzTest {
    private static final ServerTransport TRANSPORT = new ServerTransport("srvU", "serverpassword0123456789",
            new Fingerprint("sha-256", "AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99"),
            List.of("1 1 udp 2130706431 127.0.0.1 40000 typ host"), false);

    @FuzzTest
    void parseAndAnswer(byte[] input) throws SdpParseException {
        String text = new String(input, StandardCharsets.UTF_8);
        SessionDescription offer;
        try {
            offer = SdpParser.parse(text);
        } catch (SdpParseException e) {
            assertEquals(SdpException.BAD_SDP, e.code());
            assertTrue(e.getMessage().startsWith("line "), e.getMessage());
            return;
        }
        for (MediaDescription m : offer.media()) {
            try {
                SimulcastDescription sim = SimulcastDescription.ofSender(m);
                assertTrue(sim == null || !sim.layers().isEmpty(), "a simulcast description has layers");
            } catch (SdpParseException e) {
                assertEquals(0, e.line(), "simulcast consistency errors span lines");
            }
        }
        try {
            SdpValidator.validate(offer);
        } catch (SdpException e) {
            assertCode(e);
        }
        AnswerBuilder.Result first;
        try {
            first = AnswerBuilder.build(offer, TRANSPORT, SessionPlan.initial("1000"));
        } catch (SdpException e) {
            assertCode(e);
            return;
        }
        SessionDescription written = SdpParser.parse(first.sdp());
        assertEquals(offer.media().size(), written.media().size(), "every offered m-section is answered");
        try {
            AnswerBuilder.Result again = AnswerBuilder.build(offer, TRANSPORT, first.plan());
            SdpParser.parse(again.sdp());
        } catch (SdpException e) {
            assertCode(e);
        }
    }

    private static void assertCode(SdpException e) {
        assertTrue(SdpException.BAD_SDP.equals(e.code()) || SdpException.UNSUPPORTED.equals(e.code()), e.code());
    }
}
