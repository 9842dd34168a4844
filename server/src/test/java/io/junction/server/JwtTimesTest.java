package io.junction.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.signaling.AuthDecision;
import io.junction.signaling.Authenticator.JoinRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** exp required, nbf/iat with leeway, the longest lifetime; the pure rule and through the authenticator. */
class JwtTimesTest {
    private static final long NOW = Instant.parse("2026-01-01T12:00:00Z").getEpochSecond();
    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JwtPolicy POLICY = new JwtPolicy(Duration.ofSeconds(5), Duration.ofHours(24));

    /** Claims as offsets from NOW ('-' = absent) → the reason, or "ok". Leeway 5 s, lifetime 24 h. */
    @ParameterizedTest(name = "exp={0} nbf={1} iat={2} -> {3}")
    @CsvSource({
        "-, -, -, claim exp is required",
        "-, -, 0, claim exp is required",
        "60, -, -, ok",
        "86400, -, -, ok",
        "86401, -, -, token lifetime exceeds 86400 s",
        "31536000, -, -, token lifetime exceeds 86400 s",
        "86400, -, 0, ok",
        "86390, -, -10, ok",
        "86400, -, -10, token lifetime exceeds 86400 s",
        "3600, -, -86000, token lifetime exceeds 86400 s",
        "0, -, -, ok",
        "-4, -, -, ok",
        "-5, -, -, token expired",
        "-60, -, -, token expired",
        "60, 5, -, ok",
        "60, 6, -, token not valid yet (nbf)",
        "60, -, 5, ok",
        "60, -, 6, token issued in the future (iat)",
        "1, -, 3, token expires before it was issued",
    })
    void rules(String exp, String nbf, String iat, String expected) throws Exception {
        StringBuilder json = new StringBuilder("{\"room\":\"r\"");
        append(json, "exp", exp);
        append(json, "nbf", nbf);
        append(json, "iat", iat);
        json.append('}');
        String error = JwtTimes.error(JSON.readTree(json.toString()), Instant.ofEpochSecond(NOW), POLICY);
        assertEquals(expected, error == null ? "ok" : error);
    }

    private static void append(StringBuilder json, String claim, String offset) {
        if (!offset.equals("-")) {
            json.append(",\"").append(claim).append("\":").append(NOW + Long.parseLong(offset));
        }
    }

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        long seconds = NOW;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochSecond(seconds);
        }
    }

    @Test
    void theAuthenticatorAppliesTheRulesOnItsClockAndPolicy() {
        MovableClock clock = new MovableClock();
        JwtAuthenticator auth = JwtAuthenticator.hs256(SECRET, clock,
                new JwtPolicy(Duration.ofSeconds(2), Duration.ofMinutes(10)));
        Algorithm hs = Algorithm.HMAC256(SECRET);
        String token = RawJwt.sign(hs, "{\"room\":\"r\",\"iat\":" + NOW + ",\"nbf\":" + (NOW + 30) + ",\"exp\":"
                + (NOW + 600) + "}");
        assertEquals("token not valid yet (nbf)", decide(auth, token).reason());
        clock.seconds = NOW + 28;
        assertTrue(decide(auth, token).granted(), "inside the 2 s leeway before nbf");
        clock.seconds = NOW + 601;
        assertTrue(decide(auth, token).granted(), "inside the 2 s leeway after exp");
        clock.seconds = NOW + 602;
        assertEquals("token expired", decide(auth, token).reason());

        clock.seconds = NOW;
        String noExp = RawJwt.sign(hs, "{\"room\":\"r\"}");
        assertEquals("claim exp is required", decide(auth, noExp).reason());
        String tooLong = RawJwt.sign(hs, "{\"room\":\"r\",\"exp\":" + (NOW + 601) + "}");
        assertEquals("token lifetime exceeds 600 s", decide(auth, tooLong).reason());
        String issuedLongAgo = RawJwt.sign(hs, "{\"room\":\"r\",\"iat\":" + (NOW - 3600) + ",\"exp\":" + (NOW + 60) + "}");
        assertEquals("token lifetime exceeds 600 s", decide(auth, issuedLongAgo).reason());
    }

    @Test
    void defaultsAreFiveSecondsAndADay() {
        JwtAuthenticator auth = JwtAuthenticator.hs256(SECRET, Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));
        Algorithm hs = Algorithm.HMAC256(SECRET);
        assertTrue(decide(auth, RawJwt.sign(hs, "{\"room\":\"r\",\"exp\":" + (NOW + 86_400) + "}")).granted());
        assertEquals("token lifetime exceeds 86400 s",
                decide(auth, RawJwt.sign(hs, "{\"room\":\"r\",\"exp\":" + (NOW + 86_401) + "}")).reason());
        assertTrue(decide(auth, RawJwt.sign(hs, "{\"room\":\"r\",\"exp\":" + (NOW - 4) + "}")).granted());
        assertFalse(decide(auth, RawJwt.sign(hs, "{\"room\":\"r\",\"exp\":" + (NOW - 5) + "}")).granted());
    }

    @Test
    void policyBoundsAreValidated() {
        assertEquals("tokenLeeway must be in 0..300 s (got PT5M1S)", assertThrows(IllegalArgumentException.class,
                () -> new JwtPolicy(Duration.ofSeconds(301), Duration.ofHours(1))).getMessage());
        assertEquals("tokenMaxLifetime must be in 1..31622400 s (got PT0S)", assertThrows(
                IllegalArgumentException.class, () -> new JwtPolicy(Duration.ZERO, Duration.ZERO)).getMessage());
    }

    private static AuthDecision decide(JwtAuthenticator auth, String token) {
        return auth.authenticate(new JoinRequest("r", "ann", token));
    }
}
