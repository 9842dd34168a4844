package io.junction.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.algorithms.Algorithm;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.junction.sfu.signal.MediaRights;
import io.junction.signaling.AuthDecision;
import io.junction.signaling.Authenticator.JoinRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

/**
 * Coverage-guided fuzz test of the join-token path: {@link JwtToken#parse} (canonical base64url,
 * strict JSON), {@link JwtClaimTypes}, {@link JwtTimes} and the signature check of
 * {@link JwtAuthenticator}. The input is used twice: as a raw token, and as the payload JSON of a
 * correctly signed token (so the claim and time rules are reached past the signature).
 *
 * <p>Property: authentication never throws; a denial carries a reason; a grant only happens for a
 * token that parses, whose claims have their types and whose rights equal its boolean claims;
 * a part accepted as canonical re-encodes to itself.
 */
class JwtFuzzTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final JwtAuthenticator AUTH = JwtAuthenticator.hs256(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));
    private static final Algorithm HS = Algorithm.HMAC256(SECRET);

    @FuzzTest
    void authenticate(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        check(text);
        check(RawJwt.sign(HS, text));
        try {
            byte[] bytes = JwtToken.canonical(text, "part");
            assertEquals(text, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
            assertArrayEquals(bytes, Base64.getUrlDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().startsWith("invalid token: the part is not"), e.getMessage());
        }
    }

    private static void check(String token) {
        AuthDecision d = AUTH.authenticate(new JoinRequest("r", "ann", token));
        if (!d.granted()) {
            assertNotNull(d.reason());
            return;
        }
        JwtToken t = JwtToken.parse(token);
        assertEquals(null, JwtClaimTypes.error(t.payload()));
        var publish = t.payload().get("publish");
        var subscribe = t.payload().get("subscribe");
        assertEquals(new MediaRights(publish == null || publish.booleanValue(),
                subscribe == null || subscribe.booleanValue()), d.rights());
    }
}
