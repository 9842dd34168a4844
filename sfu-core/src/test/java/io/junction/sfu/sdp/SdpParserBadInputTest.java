package io.junction.sfu.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Broken SDP gives an SdpParseException naming the offending line, never another exception. */
class SdpParserBadInputTest {
    /** Lines 1-4 of a valid session header. */
    private static final String HEAD = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n";
    private static final String AUDIO = "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n"; // line 5
    private static final String DATA = "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n"; // line 5

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("empty string", "", 1, "empty"),
                Arguments.of("missing v=", "o=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\n", 1, "expected v=0"),
                Arguments.of("wrong version", "v=1\r\n", 1, "expected v=0"),
                Arguments.of("missing o=", "v=0\r\ns=-\r\nt=0 0\r\n", 3, "missing o="),
                Arguments.of("bad o=", "v=0\r\no=- 1 x IN IP4 0.0.0.0\r\n", 2, "session version"),
                Arguments.of("truncated line", HEAD + AUDIO + "a", 6, "not a <type>=<value> line"),
                Arguments.of("truncated rtpmap", HEAD + AUDIO + "a=rtpmap:111 opus/", 6, "bad rtpmap"),
                Arguments.of("rtpmap without rate", HEAD + AUDIO + "a=rtpmap:111 opus\r\n", 6, "bad rtpmap"),
                Arguments.of("rtpmap for pt not on m-line", HEAD + AUDIO + "a=rtpmap:112 opus/48000/2\r\n", 6,
                        "unknown payload type 112"),
                Arguments.of("fmtp for unknown pt", HEAD + AUDIO + "a=fmtp:112 minptime=10\r\n", 6,
                        "fmtp for unknown payload type 112"),
                Arguments.of("rtcp-fb for unknown pt", HEAD + AUDIO + "a=rtcp-fb:5 nack\r\n", 6, "unknown payload type 5"),
                Arguments.of("PT 200 on m-line", HEAD + "m=audio 9 UDP/TLS/RTP/SAVPF 111 200\r\n", 5,
                        "payload type 200 out of range"),
                Arguments.of("PT 200 in rtpmap", HEAD + AUDIO + "a=rtpmap:200 opus/48000/2\r\n", 6, "out of range"),
                Arguments.of("bad port", HEAD + "m=audio nine UDP/TLS/RTP/SAVPF 111\r\n", 5, "bad port"),
                Arguments.of("port too large", HEAD + "m=audio 70000 UDP/TLS/RTP/SAVPF 111\r\n", 5, "out of range"),
                Arguments.of("bad proto", HEAD + "m=audio 9 RTP/FOO 111\r\n", 5, "bad m-line proto"),
                Arguments.of("no formats", HEAD + "m=audio 9 UDP/TLS/RTP/SAVPF\r\n", 5, "bad m-line"),
                Arguments.of("duplicate format", HEAD + "m=audio 9 UDP/TLS/RTP/SAVPF 0 0\r\n", 5, "duplicate format"),
                Arguments.of("media attribute before m=", HEAD + "a=mid:0\r\n", 5, "not allowed before the first m="),
                Arguments.of("rtpmap before m=", HEAD + "a=rtpmap:111 opus/48000/2\r\n", 5, "not allowed"),
                Arguments.of("extmap id 15", HEAD + AUDIO + "a=extmap:15 urn:x\r\n", 6, "reserved"),
                Arguments.of("extmap id 0", HEAD + AUDIO + "a=extmap:0 urn:x\r\n", 6, "out of range"),
                Arguments.of("extmap bad direction", HEAD + AUDIO + "a=extmap:1/sideways urn:x\r\n", 6, "direction"),
                Arguments.of("ssrc too large", HEAD + AUDIO + "a=ssrc:4294967296 cname:x\r\n", 6, "out of range"),
                Arguments.of("bad setup", HEAD + AUDIO + "a=setup:sometimes\r\n", 6, "bad setup"),
                Arguments.of("bad fingerprint", HEAD + AUDIO + "a=fingerprint:sha-256\r\n", 6, "bad fingerprint"),
                Arguments.of("duplicate mid", HEAD + AUDIO + "a=mid:0\r\na=mid:1\r\n", 7, "duplicate mid"),
                Arguments.of("empty line inside", HEAD + "\r\n" + AUDIO, 5, "empty line"),
                Arguments.of("session line in media", HEAD + AUDIO + "t=0 0\r\n", 6, "not allowed inside"),
                Arguments.of("binary garbage", "\u0000\u0001\u0002\u00ff\u00fe", 1, "illegal character"),
                Arguments.of("garbage after header", HEAD + "\u0007\u0000zz\r\n", 5, "illegal character"),
                Arguments.of("uppercase type", HEAD + "A=mid:0\r\n", 5, "not a <type>=<value> line"),
                Arguments.of("sctp-port 0", HEAD + DATA + "a=sctp-port:0\r\n", 6, "sctp-port 0 out of range"),
                Arguments.of("sctp-port too large", HEAD + DATA + "a=sctp-port:70000\r\n", 6, "out of range"),
                Arguments.of("sctp-port not a number", HEAD + DATA + "a=sctp-port:five\r\n", 6, "bad sctp-port"),
                Arguments.of("sctp-port empty", HEAD + DATA + "a=sctp-port:\r\n", 6, "needs a value"),
                Arguments.of("sctp-port twice", HEAD + DATA + "a=sctp-port:5000\r\na=sctp-port:5001\r\n", 7,
                        "given twice"),
                Arguments.of("max-message-size negative", HEAD + DATA + "a=max-message-size:-1\r\n", 6,
                        "bad max-message-size"),
                Arguments.of("max-message-size above 32 bits", HEAD + DATA + "a=max-message-size:4294967296\r\n", 6,
                        "out of range"),
                Arguments.of("max-message-size eleven digits", HEAD + DATA + "a=max-message-size:12345678901\r\n", 6,
                        "bad max-message-size"),
                Arguments.of("sctp-port before m=", HEAD + "a=sctp-port:5000\r\n", 5, "not allowed"),
                Arguments.of("bare CR separator", "v=0\ro=- 1 1 IN IP4 0.0.0.0\r\n", 1, "illegal character"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void rejectsWithLineNumber(String name, String sdp, int line, String reason) {
        SdpParseException e = assertThrows(SdpParseException.class, () -> SdpParser.parse(sdp));
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith("line " + line + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertEquals("bad-sdp", e.code());
    }

    @Test
    void rejectsOversizedSdp() {
        String big = HEAD + AUDIO + ("a=x-padding:" + "p".repeat(1000) + "\r\n").repeat(70);
        assertTrue(big.length() > SdpLimits.MAX_SDP_CHARS);
        SdpParseException e = assertThrows(SdpParseException.class, () -> SdpParser.parse(big));
        assertEquals(0, e.line());
        assertTrue(e.getMessage().contains("limit 65536"), e.getMessage());
    }

    @Test
    void rejectsTooManyMediaSections() {
        StringBuilder sb = new StringBuilder(HEAD);
        for (int i = 0; i <= SdpLimits.MAX_MEDIA_SECTIONS; i++) {
            sb.append("m=audio 9 UDP/TLS/RTP/SAVPF 0\r\n");
        }
        SdpParseException e = assertThrows(SdpParseException.class, () -> SdpParser.parse(sb.toString()));
        assertEquals(5 + SdpLimits.MAX_MEDIA_SECTIONS, e.line());
    }

    @Test
    void rejectsTooManyFormats() {
        StringBuilder sb = new StringBuilder(HEAD).append("m=application 9 UDP/DTLS/SCTP");
        for (int i = 0; i <= SdpLimits.MAX_CODECS_PER_SECTION; i++) {
            sb.append(" f").append(i);
        }
        SdpParseException e = assertThrows(SdpParseException.class, () -> SdpParser.parse(sb.append("\r\n").toString()));
        assertEquals(5, e.line());
        assertTrue(e.getMessage().contains("limit 128"), e.getMessage());
    }

    /** Every truncation of a real offer either parses or fails with SdpParseException. */
    @Test
    void everyTruncationFailsCleanly() {
        String chrome = SdpSamples.load(SdpSamples.CHROME);
        for (int cut = 0; cut < chrome.length(); cut += 7) {
            try {
                SdpParser.parse(chrome.substring(0, cut));
            } catch (SdpParseException expected) {
                assertTrue(expected.line() >= 0);
            }
        }
    }

    /** Seeded random byte flips give SdpParseException or a result, never another exception. */
    @Test
    void randomCorruptionFailsCleanly() {
        String chrome = SdpSamples.load(SdpSamples.CHROME);
        Random random = new Random(42);
        for (int round = 0; round < 500; round++) {
            char[] chars = chrome.toCharArray();
            for (int k = 0; k < 3; k++) {
                chars[random.nextInt(chars.length)] = (char) random.nextInt(128);
            }
            try {
                SdpParser.parse(new String(chars));
            } catch (SdpParseException expected) {
                assertTrue(expected.getMessage().startsWith("line "));
            }
        }
    }
}
