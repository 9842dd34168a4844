package io.junction.server;

import java.time.Duration;

/**
 * How strictly {@link JwtAuthenticator} treats a join token's times (RFC 7519 sections 4.1.4–4.1.6).
 * {@code exp} is always required.
 *
 * @param leeway      clock skew tolerated on {@code exp}, {@code nbf} and {@code iat}, 0..300 s
 * @param maxLifetime longest validity accepted: {@code exp − iat} when {@code iat} is present,
 *                    else {@code exp − now}; 1 s..366 days. A longer token is refused, so a leaked
 *                    token cannot be a standing credential.
 */
public record JwtPolicy(Duration leeway, Duration maxLifetime) {
    public static final Duration DEFAULT_LEEWAY = Duration.ofSeconds(5);
    public static final Duration MAX_LEEWAY = Duration.ofSeconds(300);
    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofHours(24);
    public static final Duration MAX_MAX_LIFETIME = Duration.ofDays(366);
    /** 5 s leeway, 24 h longest lifetime. */
    public static final JwtPolicy DEFAULTS = new JwtPolicy(DEFAULT_LEEWAY, DEFAULT_MAX_LIFETIME);

    public JwtPolicy {
        if (leeway == null || leeway.isNegative() || leeway.compareTo(MAX_LEEWAY) > 0) {
            throw new IllegalArgumentException("tokenLeeway must be in 0.." + MAX_LEEWAY.toSeconds() + " s (got "
                    + leeway + ")");
        }
        if (maxLifetime == null || maxLifetime.toSeconds() < 1 || maxLifetime.compareTo(MAX_MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("tokenMaxLifetime must be in 1.." + MAX_MAX_LIFETIME.toSeconds()
                    + " s (got " + maxLifetime + ")");
        }
    }
}
