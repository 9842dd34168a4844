package io.junction.signaling.iceservers;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-limited TURN credentials from a secret shared with the TURN server, in the "TURN REST API"
 * scheme (draft-uberti-behave-turn-rest-00 §2.2) that coturn checks with {@code use-auth-secret}
 * and {@code static-auth-secret}: the username is {@code <expiry>:<participant id>}, where expiry
 * is the Unix time in seconds after which the TURN server refuses it, and the password is
 * {@code base64(HMAC-SHA1(secret, username))}. The TURN server needs no per-user state; a
 * participant's credentials stop working {@code ttl} after its join, including for refreshing an
 * allocation made before (so the ttl bounds how long a relayed session can last).
 *
 * <p>The secret is the TURN server's configured string, used as HMAC key in its UTF-8 (ASCII) bytes;
 * {@link #toString()} masks it. Thread-safe and immutable.
 */
public final class TurnRestCredentials {
    /** Shortest secret accepted, in bytes. */
    public static final int MIN_SECRET_BYTES = 32;
    /** Longest secret accepted, in bytes. */
    public static final int MAX_SECRET_BYTES = 256;
    /** Shortest lifetime of minted credentials. */
    public static final Duration MIN_TTL = Duration.ofMinutes(1);
    /** Longest lifetime of minted credentials. */
    public static final Duration MAX_TTL = Duration.ofDays(7);
    /** Default lifetime: one day, as the draft suggests. */
    public static final Duration DEFAULT_TTL = Duration.ofDays(1);

    private final byte[] secret;
    private final Duration ttl;
    private final Clock clock;

    /** A username and password for one participant, valid until {@code expiresAt} (Unix seconds). */
    public record Credential(String username, String password, long expiresAt) {
        @Override
        public String toString() {
            return "Credential[username=" + username + ", password=***, expiresAt=" + expiresAt + "]";
        }
    }

    /**
     * @param secretOption the name the secret was set by, for error messages
     * @param secret       32..256 printable ASCII characters without spaces (coturn's {@code static-auth-secret})
     * @param ttlOption    the name the ttl was set by
     * @param ttl          lifetime of minted credentials, 1 minute..7 days
     * @param clock        wall-clock time source (expiry is Unix time)
     */
    public TurnRestCredentials(String secretOption, String secret, String ttlOption, Duration ttl, Clock clock) {
        checkSecret(secretOption, secret);
        checkTtl(ttlOption, ttl);
        this.secret = secret.getBytes(StandardCharsets.US_ASCII);
        this.ttl = ttl;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** As the full constructor, with the option names {@code turnSecret} / {@code turnCredentialTtl} and the system clock. */
    public static TurnRestCredentials of(String secret, Duration ttl) {
        return new TurnRestCredentials("turnSecret", secret, "turnCredentialTtl", ttl, Clock.systemUTC());
    }

    /**
     * Throws naming {@code option} unless {@code secret} has {@value #MIN_SECRET_BYTES}..{@value #MAX_SECRET_BYTES}
     * printable ASCII characters without spaces (a TURN server's config file would trim or split others).
     * The message never contains the secret.
     */
    public static void checkSecret(String option, String secret) {
        if (secret == null || secret.length() < MIN_SECRET_BYTES || secret.length() > MAX_SECRET_BYTES
                || !secret.chars().allMatch(c -> c > ' ' && c < 127)) {
            throw new IllegalArgumentException(option + " must be " + MIN_SECRET_BYTES + ".." + MAX_SECRET_BYTES
                    + " printable ASCII characters without spaces (got "
                    + (secret == null ? "none" : secret.length() + " characters") + ")");
        }
    }

    /** Throws naming {@code option} unless {@code ttl} is in 1 minute..7 days. */
    public static void checkTtl(String option, Duration ttl) {
        if (ttl == null || ttl.compareTo(MIN_TTL) < 0 || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException(option + " must be in " + MIN_TTL.toSeconds() + ".."
                    + MAX_TTL.toSeconds() + " seconds (1 minute..7 days) (got "
                    + (ttl == null ? "none" : ttl.toSeconds() + " s") + ")");
        }
    }

    /** Lifetime of minted credentials. */
    public Duration ttl() {
        return ttl;
    }

    /** Credentials for {@code participantId} (which must not contain ':'), valid for the ttl from now. */
    public Credential mint(String participantId) {
        if (participantId.indexOf(':') >= 0) {
            throw new IllegalArgumentException("participant id must not contain ':' (got " + participantId + ")");
        }
        long expiresAt = clock.instant().getEpochSecond() + ttl.toSeconds();
        String username = username(expiresAt, participantId);
        return new Credential(username, password(secret, username), expiresAt);
    }

    /** {@code <expiresAt>:<participantId>} (draft-uberti-behave-turn-rest-00 §2.2, "username"). */
    static String username(long expiresAt, String participantId) {
        return expiresAt + ":" + participantId;
    }

    /** {@code base64(HMAC-SHA1(key, username))} (draft-uberti-behave-turn-rest-00 §2.2, "password"). */
    static String password(byte[] key, String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "TurnRestCredentials[secret=***, ttl=" + ttl + "]";
    }
}
