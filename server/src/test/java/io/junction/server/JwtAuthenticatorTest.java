package io.junction.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.junction.sfu.signal.MediaRights;
import io.junction.signaling.AuthDecision;
import io.junction.signaling.Authenticator.JoinRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** HS256 join tokens: room and rights claims, expiry, signature, malformed input. */
class JwtAuthenticatorTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private final JwtAuthenticator auth = JwtAuthenticator.hs256(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

    private static String token(String secret, String room, Boolean publish, Boolean subscribe, Instant exp) {
        var b = JWT.create().withClaim("room", room).withExpiresAt(exp);
        if (publish != null) {
            b.withClaim("publish", publish);
        }
        if (subscribe != null) {
            b.withClaim("subscribe", subscribe);
        }
        return b.sign(Algorithm.HMAC256(secret));
    }

    private AuthDecision decide(String room, String token) {
        return auth.authenticate(new JoinRequest(room, "ann", token));
    }

    @Test
    void grantsTheRightsOfAValidTokenForItsRoom() {
        Instant later = NOW.plusSeconds(60);
        assertEquals(AuthDecision.grant(MediaRights.ALL), decide("r1", token(SECRET, "r1", null, null, later)));
        assertEquals(AuthDecision.grant(MediaRights.SUBSCRIBE_ONLY),
                decide("r1", token(SECRET, "r1", false, true, later)));
        assertEquals(AuthDecision.grant(MediaRights.PUBLISH_ONLY),
                decide("any", token(SECRET, "*", true, false, later)));
    }

    @Test
    void deniesEveryBadToken() {
        Instant later = NOW.plusSeconds(60);
        assertEquals("a token is required", decide("r1", null).reason());
        assertEquals("a token is required", decide("r1", "").reason());
        assertEquals("token expired", decide("r1", token(SECRET, "r1", null, null, NOW.minusSeconds(60))).reason());
        assertEquals("token signature does not verify",
                decide("r1", token(SECRET.replace('0', 'x'), "r1", null, null, later)).reason());
        assertEquals("token is not for room r1", decide("r1", token(SECRET, "r2", null, null, later)).reason());
        assertEquals("invalid token: the signature is not canonical base64url", decide("r1", "not.a.jwt").reason());
        assertEquals("invalid token: the header is not JSON", decide("r1", "bm90.e30.jwA").reason());
        assertEquals("invalid token: not three dot-separated parts", decide("r1", "a.b").reason());
        String noRoom = JWT.create().withExpiresAt(later).sign(Algorithm.HMAC256(SECRET));
        assertEquals("claim room is required", decide("r1", noRoom).reason());
        String none = JWT.create().withClaim("room", "r1").sign(Algorithm.none());
        assertTrue(!decide("r1", none).granted(), "alg none is refused");
    }

    @Test
    void shortSecretsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JwtAuthenticator.hs256("short"));
        assertEquals("authSecret must be at least 32 bytes", e.getMessage());
    }
}
