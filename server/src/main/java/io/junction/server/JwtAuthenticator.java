package io.junction.server;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
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
 * {@code subscribe} (optional booleans, default true), {@code name} (optional: the display name of
 * WHIP/WHEP sessions, which have no {@code join.name}), and the standard {@code exp}/{@code nbf}
 * (checked, with 5 s leeway). A missing, malformed, wrongly signed, expired or other-room token
 * is denied ({@code unauthorized}); the reason names which, never the token itself.
 */
public final class JwtAuthenticator implements Authenticator {
    /** Shortest secret accepted: 32 bytes, the HS256 key size (RFC 7518 section 3.2). */
    public static final int MIN_SECRET_BYTES = 32;
    private static final long LEEWAY_SECONDS = 5;
    private final JWTVerifier verifier;

    private JwtAuthenticator(JWTVerifier verifier) {
        this.verifier = verifier;
    }

    /** Verifies with {@code secret} against the system clock. */
    public static JwtAuthenticator hs256(String secret) {
        return hs256(secret, Clock.systemUTC());
    }

    /** Verifies with {@code secret} against {@code clock} (tests inject one). */
    public static JwtAuthenticator hs256(String secret, Clock clock) {
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("authSecret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        JWTVerifier.BaseVerification v = (JWTVerifier.BaseVerification) JWT.require(Algorithm.HMAC256(secret))
                .withClaimPresence("room").acceptLeeway(LEEWAY_SECONDS);
        return new JwtAuthenticator(v.build(clock));
    }

    /** Shortest RSA modulus accepted for RS256: 2048 bits (RFC 7518 section 3.3). */
    public static final int MIN_RSA_BITS = 2048;

    /** Verifies RS256 tokens with {@code publicKey} against the system clock. */
    public static JwtAuthenticator rs256(RSAPublicKey publicKey) {
        return rs256(publicKey, Clock.systemUTC());
    }

    /** Verifies RS256 tokens with {@code publicKey} against {@code clock} (tests inject one). */
    public static JwtAuthenticator rs256(RSAPublicKey publicKey, Clock clock) {
        if (publicKey == null || publicKey.getModulus().bitLength() < MIN_RSA_BITS) {
            throw new IllegalArgumentException("authPublicKey must be an RSA key of at least " + MIN_RSA_BITS + " bits");
        }
        JWTVerifier.BaseVerification v = (JWTVerifier.BaseVerification) JWT.require(Algorithm.RSA256(publicKey, null))
                .withClaimPresence("room").acceptLeeway(LEEWAY_SECONDS);
        return new JwtAuthenticator(v.build(clock));
    }

    @Override
    public AuthDecision authenticate(JoinRequest request) {
        if (request.token() == null || request.token().isEmpty()) {
            return AuthDecision.deny("a token is required");
        }
        DecodedJWT jwt;
        try {
            jwt = verifier.verify(request.token());
        } catch (TokenExpiredException e) {
            return AuthDecision.deny("token expired");
        } catch (SignatureVerificationException e) {
            return AuthDecision.deny("token signature does not verify");
        } catch (JWTVerificationException e) {
            return AuthDecision.deny("invalid token");
        }
        String room = jwt.getClaim("room").asString();
        if (room == null || !(room.equals("*") || room.equals(request.room()))) {
            return AuthDecision.deny("token is not for room " + request.room());
        }
        return AuthDecision.grant(new MediaRights(flag(jwt.getClaim("publish")), flag(jwt.getClaim("subscribe"))),
                jwt.getClaim("name").isMissing() ? null : jwt.getClaim("name").asString());
    }

    private static boolean flag(Claim c) {
        Boolean b = c.isMissing() || c.isNull() ? null : c.asBoolean();
        return b == null || b;
    }
}
