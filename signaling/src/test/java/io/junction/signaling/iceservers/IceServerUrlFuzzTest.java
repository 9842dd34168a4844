package io.junction.signaling.iceservers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzz test of {@link IceServerUrl#parse}. Property: the only failure is an
 * {@link IllegalArgumentException} naming the option; an accepted URL's canonical text parses to
 * the same URL, has a known scheme and a port in range.
 */
class IceServerUrlFuzzTest {
    @FuzzTest
    void parse(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        IceServerUrl url;
        try {
            url = IceServerUrl.parse("--ice-servers", text);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().startsWith("--ice-servers: "), e.getMessage());
            return;
        }
        assertEquals(url, IceServerUrl.parse("--ice-servers", url.text()));
        assertTrue(url.scheme().equals("stun") || url.scheme().equals("turn") || url.scheme().equals("turns"));
        assertTrue(url.port() == -1 || (url.port() >= 1 && url.port() <= 65535));
        assertTrue(url.transport() == null || url.isTurn());
    }
}
