package io.junction.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.auth0.jwt.algorithms.Algorithm;
import io.junction.sfu.signal.MediaRights;
import io.junction.signaling.AuthDecision;
import io.junction.signaling.Authenticator.JoinRequest;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rights and other claims of every JSON type, through the HS256 and the RS256 path: a claim of
 * the wrong type is refused naming the claim; absent publish/subscribe default to true.
 */
class JwtClaimTypesTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final long EXP = NOW.getEpochSecond() + 600;
    private static KeyPair rsa;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048, SecureRandom.getInstance("SHA1PRNG"));
        rsa = g.generateKeyPair();
    }

    /** claims JSON (without exp) → the expected decision: rights "pub/sub" when granted, else the reason. */
    static Stream<Arguments> table() {
        return Stream.of(
                row("\"room\":\"r1\"", "true/true"),
                row("\"room\":\"r1\",\"publish\":false", "false/true"),
                row("\"room\":\"r1\",\"publish\":true,\"subscribe\":false", "true/false"),
                row("\"room\":\"r1\",\"publish\":\"false\"", "claim publish must be a boolean"),
                row("\"room\":\"r1\",\"publish\":\"true\"", "claim publish must be a boolean"),
                row("\"room\":\"r1\",\"publish\":0", "claim publish must be a boolean"),
                row("\"room\":\"r1\",\"publish\":1", "claim publish must be a boolean"),
                row("\"room\":\"r1\",\"publish\":null", "claim publish must be a boolean"),
                row("\"room\":\"r1\",\"publish\":[false]", "claim publish must be a boolean"),
                row("\"room\":\"r1\",\"publish\":{}", "claim publish must be a boolean"),
                row("\"room\":\"r1\",\"subscribe\":\"false\"", "claim subscribe must be a boolean"),
                row("\"room\":\"r1\",\"subscribe\":0", "claim subscribe must be a boolean"),
                row("\"room\":\"r1\",\"subscribe\":null", "claim subscribe must be a boolean"),
                row("\"room\":\"r1\",\"subscribe\":[]", "claim subscribe must be a boolean"),
                row("\"room\":\"r1\",\"subscribe\":{\"a\":1}", "claim subscribe must be a boolean"),
                row("\"room\":1", "claim room must be a string"),
                row("\"room\":null", "claim room must be a string"),
                row("\"room\":[\"r1\"]", "claim room must be a string"),
                row("\"room\":{\"name\":\"r1\"}", "claim room must be a string"),
                row("\"room\":true", "claim room must be a string"),
                row("\"publish\":true", "claim room is required"),
                row("\"room\":\"r1\",\"nbf\":\"0\"", "claim nbf must be a number of seconds (NumericDate)"),
                row("\"room\":\"r1\",\"iat\":null", "claim iat must be a number of seconds (NumericDate)"),
                row("\"room\":\"r1\",\"iat\":1e300", "claim iat must be a number of seconds (NumericDate)"),
                row("\"room\":\"r1\",\"iss\":5", "claim iss must be a string"),
                row("\"room\":\"r1\",\"sub\":null", "claim sub must be a string"),
                row("\"room\":\"r1\",\"jti\":[]", "claim jti must be a string"),
                row("\"room\":\"r1\",\"aud\":[\"a\",1]", "claim aud must be a string or an array of strings"),
                row("\"room\":\"r1\",\"aud\":[\"a\",\"b\"]", "true/true"),
                row("\"room\":\"r1\",\"custom\":null", "true/true"));
    }

    private static Arguments row(String claims, String expected) {
        return Arguments.of(claims, expected);
    }

    @ParameterizedTest(name = "HS256 {0} -> {1}")
    @MethodSource("table")
    void hs256(String claims, String expected) {
        JwtAuthenticator auth = JwtAuthenticator.hs256(SECRET, CLOCK);
        check(auth, RawJwt.sign(Algorithm.HMAC256(SECRET), payload(claims)), expected);
    }

    @ParameterizedTest(name = "RS256 {0} -> {1}")
    @MethodSource("table")
    void rs256(String claims, String expected) {
        JwtAuthenticator auth = JwtAuthenticator.rs256((RSAPublicKey) rsa.getPublic(), CLOCK);
        check(auth, RawJwt.sign(Algorithm.RSA256(null, (RSAPrivateKey) rsa.getPrivate()), payload(claims)), expected);
    }

    @ParameterizedTest(name = "exp {0}")
    @MethodSource("badExp")
    void expOfTheWrongTypeIsRefused(String exp) {
        JwtAuthenticator auth = JwtAuthenticator.hs256(SECRET, CLOCK);
        String token = RawJwt.sign(Algorithm.HMAC256(SECRET), "{\"room\":\"r1\",\"exp\":" + exp + "}");
        AuthDecision d = auth.authenticate(new JoinRequest("r1", "ann", token));
        assertFalse(d.granted());
        assertEquals("claim exp must be a number of seconds (NumericDate)", d.reason());
    }

    static Stream<String> badExp() {
        return Stream.of("\"" + EXP + "\"", "null", "[" + EXP + "]", "{}", "true");
    }

    private static String payload(String claims) {
        return "{" + claims + ",\"exp\":" + EXP + "}";
    }

    private static void check(JwtAuthenticator auth, String token, String expected) {
        AuthDecision d = auth.authenticate(new JoinRequest("r1", "ann", token));
        if (expected.contains("/")) {
            String[] rights = expected.split("/");
            assertEquals(AuthDecision.grant(new MediaRights(Boolean.parseBoolean(rights[0]),
                    Boolean.parseBoolean(rights[1]))), d);
        } else {
            assertFalse(d.granted(), "refused: " + expected);
            assertEquals(expected, d.reason());
        }
    }
}
