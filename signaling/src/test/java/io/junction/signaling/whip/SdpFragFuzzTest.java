package io.junction.signaling.whip;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzz test of the PATCH body parser as the WHIP/WHEP resource receives it.
 * Property: the only failure is {@link SdpFrag.ParseException} naming a line; a parsed fragment
 * stays within the limits and every candidate keeps its {@code candidate:} prefix.
 */
class SdpFragFuzzTest {

    @FuzzTest
    void parse(byte[] input) {
        SdpFrag f;
        try {
            f = SdpFrag.parse(new String(input, StandardCharsets.UTF_8));
        } catch (SdpFrag.ParseException e) {
            assertNotNull(e.getMessage());
            assertTrue(e.getMessage().startsWith("line "), e.getMessage());
            return;
        }
        assertTrue(f.candidates().size() <= SdpFrag.MAX_CANDIDATES);
        for (SdpFrag.Candidate c : f.candidates()) {
            assertTrue(c.value().startsWith("candidate:"), c.value());
        }
    }
}
