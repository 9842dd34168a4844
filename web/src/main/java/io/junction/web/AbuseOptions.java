package io.junction.web;

import io.junction.server.JunctionBuilder;
import io.junction.server.JwtPolicy;
import io.junction.signaling.SignalingLimits;
import java.time.Duration;

/**
 * The runnable server's abuse limits (issue "Hardening II"), validated at construction with
 * messages naming the command-line option and its range. Part of {@link Options}.
 *
 * @param tokenLeeway              clock skew tolerated on join-token times, seconds, 0..300
 * @param tokenMaxLifetime         longest join-token validity accepted, seconds, 1..31622400
 * @param maxConnectionsPerAddress open WebSockets per client IP address, 1..1000000
 * @param maxConnections           open WebSockets in total, 1..10000000
 * @param pingTimeout              seconds without any frame (or pong) before a WebSocket is closed, 1..3600
 * @param maxViolations            refused frames before a connection is closed with protocol-closed, 1..1000000
 * @param httpIdleTimeout          seconds an HTTP connection may stay idle, also while sending headers, 1..300
 */
public record AbuseOptions(int tokenLeeway, int tokenMaxLifetime, int maxConnectionsPerAddress, int maxConnections,
                           int pingTimeout, int maxViolations, int httpIdleTimeout) {
    public AbuseOptions {
        range("--token-leeway", tokenLeeway, 0, JwtPolicy.MAX_LEEWAY.toSeconds());
        range("--token-max-lifetime", tokenMaxLifetime, 1, JwtPolicy.MAX_MAX_LIFETIME.toSeconds());
        range("--max-connections-per-address", maxConnectionsPerAddress, 1, 1_000_000);
        range("--max-connections", maxConnections, 1, 10_000_000);
        range("--ping-timeout", pingTimeout, 1, 3600);
        range("--max-violations", maxViolations, 1, 1_000_000);
        range("--http-idle-timeout", httpIdleTimeout, 1, 300);
    }

    /** 5 s leeway, 24 h tokens, 64 connections per address, 10000 in all, 60 s ping timeout, 100 violations, 20 s. */
    public static AbuseOptions defaults() {
        return new AbuseOptions((int) JwtPolicy.DEFAULT_LEEWAY.toSeconds(),
                (int) JwtPolicy.DEFAULT_MAX_LIFETIME.toSeconds(), SignalingLimits.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS,
                SignalingLimits.DEFAULT_MAX_CONNECTIONS, (int) SignalingLimits.DEFAULT_PING_TIMEOUT.toSeconds(),
                SignalingLimits.DEFAULT_MAX_VIOLATIONS, (int) JunctionBuilder.DEFAULT_HTTP_IDLE_TIMEOUT.toSeconds());
    }

    JwtPolicy jwtPolicy() {
        return new JwtPolicy(Duration.ofSeconds(tokenLeeway), Duration.ofSeconds(tokenMaxLifetime));
    }

    /** Applies the signaling and HTTP limits to {@code b} (token options go to the authenticator). */
    void applyTo(JunctionBuilder b) {
        b.signalingLimits(new SignalingLimits(maxConnectionsPerAddress, maxConnections, Duration.ofSeconds(pingTimeout),
                maxViolations)).httpIdleTimeout(Duration.ofSeconds(httpIdleTimeout));
    }

    private static void range(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in " + min + ".." + max + " (got " + value + ")");
        }
    }
}
