package io.junction.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzz test of {@link Candidate#parse} on arbitrary text (a trickled
 * {@code candidate} from a signaling client, or an SDP {@code a=candidate} line).
 *
 * <p>Property: parse either returns a candidate or throws the documented
 * {@link IllegalArgumentException}; what it returns prints to a value that parses back to an
 * equal candidate.
 */
class CandidateFuzzTest {

    @FuzzTest
    void parse(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        Candidate c;
        try {
            c = Candidate.parse(text);
        } catch (IllegalArgumentException expected) {
            return;
        }
        assertEquals(c, Candidate.parse(c.toSdpValue()));
        assertEquals(c, Candidate.parse(c.toJsepString()));
    }
}
