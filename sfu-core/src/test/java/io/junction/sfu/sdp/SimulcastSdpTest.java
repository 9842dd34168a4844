package io.junction.sfu.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link SimulcastAttribute}, {@link RidRestrictions} and {@link SimulcastDescription} (RFC 8851, RFC 8853, SIM groups). */
class SimulcastSdpTest {
    private static final String HEAD = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n";
    private static final String VIDEO = "m=video 9 UDP/TLS/RTP/SAVPF 96 97\r\na=mid:1\r\na=sendonly\r\n"
            + "a=rtpmap:96 VP8/90000\r\na=rtpmap:97 rtx/90000\r\na=fmtp:97 apt=96\r\n"; // lines 5-10

    private static MediaDescription video(String lines) throws SdpParseException {
        return SdpParser.parse(HEAD + VIDEO + lines).media().get(0);
    }

    /** Rows: value; streams as "dir:rid|~rid,alt;..." with the directions in send, recv order. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "send q;h;f                 | send q;h;f",
            "send 1,~2;3 recv 4         | send 1,~2;3 recv 4",
            "recv r0;r1 send s0         | send s0 recv r0;r1",
            "send ~a                    | send ~a",
            "send low-res_1;HIGH        | send low-res_1;HIGH",
    })
    void parsesAndWritesSimulcast(String value, String normalized) throws SdpParseException {
        SimulcastAttribute sc = SimulcastAttribute.parse(7, value.trim());
        assertEquals(normalized.trim(), sc.toSdp());
    }

    @Test
    void simulcastStructure() throws SdpParseException {
        SimulcastAttribute sc = SimulcastAttribute.parse(1, "send 1,~2;3 recv 4");
        assertEquals(List.of(List.of(new SimulcastId("1", false), new SimulcastId("2", true)),
                List.of(new SimulcastId("3", false))), sc.send());
        assertEquals(List.of(List.of(new SimulcastId("4", false))), sc.recv());
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', value = {
            "send                    | expected <send|recv>",
            "send q;;f               | bad rid-id ''",
            "send q h                | expected <send|recv>",
            "sideways q              | direction must be send or recv",
            "send q send h           | send twice",
            "send q;q                | appears twice",
            "send q recv q           | appears twice",
            "send ~                  | bad rid-id '~'",
            "send q,                 | bad rid-id ''",
            "send q;h recv           | expected <send|recv>",
            "send q$                 | bad rid-id 'q$'",
            "send ~~q                | bad rid-id '~~q'",
    })
    void malformedSimulcast(String value, String message) {
        SdpParseException e = assertThrows(SdpParseException.class, () -> SimulcastAttribute.parse(9, value.trim()));
        assertEquals(9, e.line());
        assertTrue(e.getMessage().contains(message.trim()), e.getMessage());
    }

    @Test
    void ridRestrictions() throws SdpParseException {
        RidRestrictions r = RidRestrictions.parse(1, "pt=96,97;max-width=1280;max-height=720;max-fps=30.0;max-br=2500000");
        assertEquals(List.of(96, 97), r.payloadTypes());
        assertEquals(1280, r.maxWidth());
        assertEquals(720, r.maxHeight());
        assertEquals(30.0, r.maxFps());
        assertEquals(2_500_000, r.maxBr());
        assertEquals(-1, r.maxFs());
        RidRestrictions d = RidRestrictions.parse(1, "max-fs=3600;max-pps=90000;max-bpp=1.5;depend=a,b;x-thing=v w;max-width");
        assertEquals(3600, d.maxFs());
        assertEquals(90000, d.maxPps());
        assertEquals(1.5, d.maxBpp());
        assertEquals(List.of("a", "b"), d.depend());
        assertEquals(Map.of("x-thing", "v w"), d.other());
        assertEquals(-1, d.maxWidth(), "a parameter without value limits nothing");
        assertEquals(RidRestrictions.NONE, RidRestrictions.parse(1, ""));
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', value = {
            "pt=                     | bad rid payload type",
            "pt=96,x                 | bad rid payload type",
            "pt=200                  | out of range",
            "max-width=1;pt=96       | pt= must come first",
            "max-width=12a           | max-width must be digits",
            "max-height=             | max-height must be digits",
            "max-br=1234567890123456789 | max-br must be digits",
            "max-fps=x               | max-fps must be a number",
            "max-bpp=1               | max-bpp must be digits.digits",
            "depend=                 | bad rid-id in depend",
            "depend                  | depend needs rid-ids",
            "bad key!=1              | bad parameter",
            "max-width=1;;           | bad parameter",
    })
    void malformedRidRestrictions(String text, String message) {
        SdpParseException e = assertThrows(SdpParseException.class, () -> RidRestrictions.parse(4, text.trim()));
        assertTrue(e.getMessage().contains(message.trim()), e.getMessage());
    }

    @Test
    void chromeRidSimulcastOffer() throws SdpParseException {
        MediaDescription m = SdpSamples.parse(SdpSamples.SIMULCAST).media().get(0);
        SimulcastDescription s = SimulcastDescription.ofSender(m);
        assertTrue(s.ridBased());
        assertEquals(List.of("q", "h", "f"), s.layers().stream().map(SimulcastLayer::rid).toList());
        assertEquals(-1, s.layers().get(0).ssrc(), "learned from the RID extension");
    }

    @Test
    void firefoxStyleRidsWithRestrictionsAndAPausedLayer() throws SdpParseException {
        SimulcastDescription s = SimulcastDescription.ofSender(video("""
                a=rid:0 send pt=96;max-width=320;max-height=180\r
                a=rid:1 send max-width=640\r
                a=rid:2 send\r
                a=rid:9 recv\r
                a=simulcast:send 0;1;~2 recv 9\r
                """));
        assertEquals(3, s.layers().size());
        assertEquals(180, s.layers().get(0).restrictions().maxHeight());
        assertEquals(List.of(96), s.layers().get(0).restrictions().payloadTypes());
        assertEquals(640, s.layers().get(1).restrictions().maxWidth());
        assertTrue(s.layers().get(2).paused());
    }

    @Test
    void ssrcGroupSimulcastWithRtx() throws SdpParseException {
        SimulcastDescription s = SimulcastDescription.ofSender(video("""
                a=ssrc-group:SIM 11 22 33\r
                a=ssrc-group:FID 11 111\r
                a=ssrc-group:FID 22 222\r
                a=ssrc:11 cname:x\r
                a=ssrc:22 cname:x\r
                a=ssrc:33 cname:x\r
                """));
        assertTrue(!s.ridBased());
        assertEquals(List.of(11L, 22L, 33L), s.layers().stream().map(SimulcastLayer::ssrc).toList());
        assertEquals(List.of(111L, 222L, -1L), s.layers().stream().map(SimulcastLayer::rtxSsrc).toList());
        assertNull(s.layers().get(0).rid());
    }

    @Test
    void noSimulcastIsNull() throws SdpParseException {
        assertNull(SimulcastDescription.ofSender(video("a=ssrc-group:FID 11 111\r\n")));
        assertNull(SimulcastDescription.ofSender(video("a=rid:a recv\r\na=simulcast:recv a\r\n")), "receive-only simulcast");
    }

    @Test
    void ridFormWinsOverSsrcGroups() throws SdpParseException {
        SimulcastDescription s = SimulcastDescription.ofSender(video(
                "a=rid:a send\r\na=rid:b send\r\na=simulcast:send a;b\r\na=ssrc-group:SIM 1 2\r\n"));
        assertTrue(s.ridBased());
        assertEquals(2, s.layers().size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "rid without a=rid line    | a=rid:a send\\r\\na=simulcast:send a;b\\r\\n              | rid b in a=simulcast has no a=rid send line",
            "rid with the wrong dir    | a=rid:a recv\\r\\na=simulcast:send a\\r\\n                | rid a in a=simulcast has no a=rid send line",
            "pt not on the m-line      | a=rid:a send pt=100\\r\\na=simulcast:send a\\r\\n         | payload type 100 that is not on the m-line",
            "two SIM groups            | a=ssrc-group:SIM 1 2\\r\\na=ssrc-group:SIM 3 4\\r\\n      | more than one ssrc-group:SIM",
            "SIM with one ssrc         | a=ssrc-group:SIM 1\\r\\n                                 | needs at least 2 ssrcs",
            "SIM with an ssrc twice    | a=ssrc-group:SIM 1 2 1\\r\\n                             | ssrc 1 twice",
            "FID with three ssrcs      | a=ssrc-group:SIM 1 2\\r\\na=ssrc-group:FID 1 5 6\\r\\n    | needs exactly 2 ssrcs",
    })
    void inconsistentSimulcast(String name, String lines, String message) {
        SdpParseException e = assertThrows(SdpParseException.class,
                () -> SimulcastDescription.ofSender(video(lines.trim().replace("\\r\\n", "\r\n"))), name);
        assertTrue(e.getMessage().contains(message.trim()), e.getMessage());
        assertEquals(0, e.line(), "spans lines");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "bad simulcast grammar     | a=simulcast:send q;q      | bad simulcast",
            "bad rid restrictions      | a=rid:q send max-width=x  | bad rid restrictions",
            "bad rid-id                | a=rid:q.1 send            | bad rid-id",
    })
    void theParserRejectsMalformedLinesWithTheirNumber(String name, String line, String message) {
        SdpParseException e = assertThrows(SdpParseException.class,
                () -> SdpParser.parse(HEAD + VIDEO + line.trim() + "\r\n"), name);
        assertEquals(11, e.line());
        assertTrue(e.getMessage().contains(message.trim()), e.getMessage());
    }
}
