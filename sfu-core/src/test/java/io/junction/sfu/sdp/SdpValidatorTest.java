package io.junction.sfu.sdp;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SdpValidatorTest {

    @ParameterizedTest
    @ValueSource(strings = {SdpSamples.CHROME, SdpSamples.FIREFOX, SdpSamples.SIMULCAST, SdpSamples.RECVONLY})
    void browserOffersAreAccepted(String name) {
        assertDoesNotThrow(() -> SdpValidator.validate(SdpSamples.parse(name)));
    }

    static Stream<Arguments> rows() {
        String ssrcLine = "a=ssrc:2731046251 msid:7b3a1f0e-5c2d-4e8f-9a61-2d4b8c0e1f37 e5d8c7b6-3a21-4f09-b8e7-1c2d3e4f5a6b\n";
        return Stream.of(
                Arguments.of("no BUNDLE", edit(l -> l.startsWith("a=group:BUNDLE") ? null : l), "unsupported", "BUNDLE"),
                Arguments.of("section outside BUNDLE", edit(l -> l.startsWith("a=group:BUNDLE") ? "a=group:BUNDLE 0" : l),
                        "unsupported", "not in the BUNDLE group"),
                Arguments.of("no rtcp-mux", edit(l -> l.equals("a=rtcp-mux") ? null : l), "unsupported", "rtcp-mux"),
                Arguments.of("Plan B: two msid lines", edit(l -> l.startsWith("a=msid:7b3a1f0e-5c2d-4e8f-9a61-2d4b8c0e1f37 e5d8")
                        ? l + "\na=msid:7b3a1f0e-5c2d-4e8f-9a61-2d4b8c0e1f37 second-track" : l), "unsupported", "Plan B"),
                Arguments.of("Plan B: ssrc lines with two msids", edit(l -> l.startsWith("a=ssrc:3950286713 msid:")
                        ? "a=ssrc:3950286713 msid:7b3a1f0e-5c2d-4e8f-9a61-2d4b8c0e1f37 other-track" : l), "unsupported", "Plan B"),
                Arguments.of("missing fingerprint", edit(l -> l.startsWith("a=fingerprint") ? null : l), "bad-sdp", "fingerprint"),
                Arguments.of("missing ice-pwd", edit(l -> l.startsWith("a=ice-pwd") ? null : l), "bad-sdp", "ice-pwd"),
                Arguments.of("missing setup", edit(l -> l.startsWith("a=setup") ? null : l), "bad-sdp", "setup"),
                Arguments.of("missing mid", edit(l -> l.equals("a=mid:1") ? null : l), "bad-sdp", "no a=mid"),
                Arguments.of("BUNDLE names unknown mid", edit(l -> l.startsWith("a=group:BUNDLE") ? l + " 7" : l),
                        "bad-sdp", "unknown mid 7"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void refusesWithCode(String name, String sdp, String code, String reason) throws SdpParseException {
        SessionDescription parsed = SdpParser.parse(sdp);
        SdpException e = assertThrows(SdpException.class, () -> SdpValidator.validate(parsed));
        assertEquals(code, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    /** The Chrome sample with each line passed through {@code edit} (null drops the line). */
    private static String edit(java.util.function.UnaryOperator<String> edit) {
        StringBuilder sb = new StringBuilder();
        for (String line : SdpSamples.load(SdpSamples.CHROME).split("\r\n")) {
            String out = edit.apply(line);
            if (out != null) {
                sb.append(out).append("\r\n");
            }
        }
        return sb.toString();
    }
}
