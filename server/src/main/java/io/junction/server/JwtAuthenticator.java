package io.junction.server;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import io.junction.sfu.signal.MediaRights;
import io.junction.signaling.AuthDecision;
import io.junction.signaling.Authenticator;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;

/**
 * Admits joins that carry a JWT (RFC 7519) signed with HS256 and a shared secret
 * ({@link #hs256}) or with RS256 and an RSA key pair, verified with the public key
 * ({@link #rs256}); a token signed with another algorithm is invalid. Claims:
 * {@code room} (required: the room name, or {@code "*"} for any room), {@code publish} and
 * {@code subscribe} (optional booleans, default true), {@code name} (optional string: the display name of
 * WHIP/WHEP sessions, which have no {@code join.name}), {@code exp} (required), and the optional
 * {@code nbf}/{@code iat}, checked against the injected clock with {@link JwtPolicy}'s leeway
 * (default 5 s); a token valid longer than the policy's maximum (default 24 h) is refused
 * ({@link JwtTimes}). A claim of the wrong JSON type (a string, number, null, array or
 * object where a boolean is due, ...) is refused naming the claim, never defaulted
 * ({@link JwtClaimTypes}). A missing, malformed, wrongly signed, expired or other-room token
 * is denied ({@code unauthorized}); the reason names which, never the token itself.
 */
public final class JwtAuthenticator implements Authenticator {
    /** Shortest secret accepted: 32 bytes, the HS256 key size (RFC 7518 section 3.2). */
    public static final int MIN_SECRET_BYTES = 32;
    /** Shortest RSA modulus accepted for RS256: 2048 bits (RFC 7518 section 3.3). */
    public static final int MIN_RSA_BITS = 2048;
    private final JWTVerifier verifier;
    private final Clock clock;
    private final JwtPolicy policy;

    private JwtAuthenticator(Algorithm algorithm, Clock clock, JwtPolicy policy) {
        this.clock = java.util.Objects.requireNonNull(clock, "clock");
        this.policy = java.util.Objects.requireNonNull(policy, "policy");
        JWTVerifier.BaseVerification v = (JWTVerifier.BaseVerification) JWT.require(algorithm)
                .withClaimPresence("room").withClaimPresence("exp").acceptLeeway(policy.leeway().toSeconds());
        this.verifier = v.build(clock);
    }

    /** Verifies with {@code secret} against the system clock, {@link JwtPolicy#DEFAULTS}. */
    public static JwtAuthenticator hs256(String secret) {
        return hs256(secret, Clock.systemUTC());
    }

    /** Verifies with {@code secret} against {@code clock} (tests inject one), {@link JwtPolicy#DEFAULTS}. */
    public static JwtAuthenticator hs256(String secret, Clock clock) {
        return hs256(secret, clock, JwtPolicy.DEFAULTS);
    }

    /** Verifies with {@code secret} against {@code clock} with {@code policy}'s leeway and longest lifetime. */
    public static JwtAuthenticator hs256(String secret, Clock clock, JwtPolicy policy) {
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("authSecret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        return new JwtAuthenticator(Algorithm.HMAC256(secret), clock, policy);
    }

    /** Verifies RS256 tokens with {@code publicKey} against the system clock, {@link JwtPolicy#DEFAULTS}. */
    public static JwtAuthenticator rs256(RSAPublicKey publicKey) {
        return rs256(publicKey, Clock.systemUTC());
    }

    /** Verifies RS256 tokens with {@code publicKey} against {@code clock} (tests inject one). */
    public static JwtAuthenticator rs256(RSAPublicKey publicKey, Clock clock) {
        return rs256(publicKey, clock, JwtPolicy.DEFAULTS);
    }

    /** Verifies RS256 tokens with {@code publicKey} against {@code clock} with {@code policy}. */
    public static JwtAuthenticator rs256(RSAPublicKey publicKey, Clock clock, JwtPolicy policy) {
        if (publicKey == null || publicKey.getModulus().bitLength() < MIN_RSA_BITS) {
            throw new IllegalArgumentException("authPublicKey must be an RSA key of at least " + MIN_RSA_BITS + " bits");
        }
        return new JwtAuthenticator(Algorithm.RSA256(publicKey, null), clock, policy);
    }

    @Override
    public AuthDecision authenticate(JoinRequest request) {
        if (request.token() == null || request.token().isEmpty()) {
            return AuthDecision.deny("a token is required");
        }
        JwtToken parsed;
        try {
            parsed = JwtToken.parse(request.token());
        } catch (IllegalArgumentException e) {
            return AuthDecision.deny(e.getMessage());
        }
        String typeError = JwtClaimTypes.error(parsed.payload());
        if (typeError != null) {
            return AuthDecision.deny(typeError);
        }
        String timeError = JwtTimes.error(parsed.payload(), clock.instant(), policy);
        if (timeError != null) {
            return AuthDecision.deny(timeError);
        }
        try {
            verifier.verify(request.token()); // signature and algorithm (times again, same clock and leeway)
        } catch (TokenExpiredException e) {
            return AuthDecision.deny("token expired");
        } catch (SignatureVerificationException e) {
            return AuthDecision.deny("token signature does not verify");
        } catch (JWTVerificationException | java.time.DateTimeException e) {
            return AuthDecision.deny("invalid token");
        }
        String room = parsed.payload().get("room").textValue();
        if (room == null || !(room.equals("*") || room.equals(request.room()))) {
            return AuthDecision.deny("token is not for room " + request.room());
        }
        com.fasterxml.jackson.databind.JsonNode name = parsed.payload().get("name");
        if (name != null && !name.isTextual()) {
            return AuthDecision.deny("claim name must be a string");
        }
        return AuthDecision.grant(new MediaRights(flag(parsed, "publish"), flag(parsed, "subscribe")),
                name == null ? null : name.textValue());
    }

    /** A rights claim: absent = true; its type was checked by {@link JwtClaimTypes} (a boolean). */
    private static boolean flag(JwtToken token, String claim) {
        com.fasterxml.jackson.databind.JsonNode v = token.payload().get(claim);
        return v == null || v.booleanValue();
    }
}
