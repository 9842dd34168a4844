package io.junction.signaling;

import java.time.Duration;

/**
 * Abuse limits of a {@link SignalingServer}, validated at construction (a bad value throws naming
 * the option and its range). Kept apart from {@link SignalingOptions} so either can grow alone.
 *
 * @param maxConnectionsPerAddress open WebSockets one client IP address may hold, 1..1000000
 *                                 (default 64); more get HTTP 503 on upgrade. Behind a reverse proxy
 *                                 or a NAT every client shares one address: raise it there.
 * @param maxConnections           open WebSockets in total, 1..10000000 (default 10000); more get HTTP 503
 * @param pingTimeout              a socket from which nothing (no frame, no pong) arrived for this long
 *                                 is closed; the server pings every third of it. 1 s..1 h (default 60 s)
 * @param maxViolations            frames a connection may have refused (rate-limited, undecodable, too
 *                                 large, binary) before it is closed with {@code protocol-closed},
 *                                 1..1000000 (default 100)
 */
public record SignalingLimits(int maxConnectionsPerAddress, int maxConnections, Duration pingTimeout,
                              int maxViolations) {
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 64;
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    public static final Duration DEFAULT_PING_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_VIOLATIONS = 100;

    public SignalingLimits {
        range("maxConnectionsPerAddress", maxConnectionsPerAddress, 1, 1_000_000);
        range("maxConnections", maxConnections, 1, 10_000_000);
        if (pingTimeout == null || pingTimeout.compareTo(Duration.ofSeconds(1)) < 0
                || pingTimeout.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("pingTimeout must be in 1..3600 s (got " + pingTimeout + ")");
        }
        range("maxViolations", maxViolations, 1, 1_000_000);
    }

    /** 64 connections per address, 10000 in total, 60 s ping timeout, 100 violations. */
    public static SignalingLimits defaults() {
        return new SignalingLimits(DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, DEFAULT_MAX_CONNECTIONS, DEFAULT_PING_TIMEOUT,
                DEFAULT_MAX_VIOLATIONS);
    }

    public SignalingLimits withConnectionCaps(int perAddress, int total) {
        return new SignalingLimits(perAddress, total, pingTimeout, maxViolations);
    }

    public SignalingLimits withPingTimeout(Duration timeout) {
        return new SignalingLimits(maxConnectionsPerAddress, maxConnections, timeout, maxViolations);
    }

    public SignalingLimits withMaxViolations(int violations) {
        return new SignalingLimits(maxConnectionsPerAddress, maxConnections, pingTimeout, violations);
    }

    private static void range(String name, long v, long min, long max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(name + " must be in " + min + ".." + max + " (got " + v + ")");
        }
    }
}
