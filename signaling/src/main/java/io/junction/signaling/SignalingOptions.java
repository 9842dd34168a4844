package io.junction.signaling;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Settings of a {@link SignalingServer}, validated at construction (a bad value throws naming the
 * option and its allowed range). Start from {@link #defaults()} and change with the
 * {@code with...} methods.
 *
 * @param defaultMode     mode of new rooms when {@code roomPolicy} is null
 * @param roomPolicy      settings per room; null means {@link RoomPolicy#uniform(RoomMode) uniform(defaultMode)}
 * @param maxFrameBytes   larger client frames get {@code too-large} (1 KiB–16 MiB, default 64 KiB)
 * @param ratePerSecond   messages per second a connection may send in the long run (&gt; 0, default 50)
 * @param burst           messages a connection may send at once (≥ 1, default 100)
 * @param outboxLimit     outgoing frames queued per connection before it is closed (≥ 1, default 256)
 * @param idleTimeout     a socket silent this long is closed (positive, default 5 minutes)
 * @param nanoClock       time source of the rate limiter (default {@link System#nanoTime})
 * @param iceServers      sent in every {@code joined}
 * @param authenticator   admits joins and sets their media rights (default {@link Authenticator#ALLOW_ALL})
 * @param maxRooms        rooms at once on this server, 1..{@value #MAX_ROOMS} (default 1000); a join that
 *                        would create one more gets {@code full} with a {@code reason} naming the limit
 * @param maxTracks       m-sections a participant may send on in one offer, 1..{@value #MAX_TRACKS}
 *                        (default 16); a bigger offer gets {@code error} {@code unsupported}
 * @param allowedOrigins  origins ({@code https://host[:port]}) whose browsers may open the WebSocket;
 *                        another {@code Origin} gets HTTP 403 on upgrade; empty (default) = every origin
 * @param turnCredentials mints TURN REST credentials per join for the {@code iceServers} entries with a
 *                        {@code turn:}/{@code turns:} URL and no credentials of their own; null (default) =
 *                        none, and then every TURN entry must carry its own
 */
public record SignalingOptions(RoomMode defaultMode, RoomPolicy roomPolicy, int maxFrameBytes,
                               double ratePerSecond, int burst, int outboxLimit, Duration idleTimeout,
                               LongSupplier nanoClock, List<SignalMessage.IceServer> iceServers,
                               Authenticator authenticator, int maxRooms, int maxTracks,
                               List<String> allowedOrigins,
                               io.junction.signaling.iceservers.TurnRestCredentials turnCredentials) {
    public static final int MIN_FRAME_BYTES = 1024;
    public static final int MAX_ROOMS = 1_000_000;
    public static final int MAX_TRACKS = 256;
    public static final int MAX_FRAME_BYTES = 16 * 1024 * 1024;

    public SignalingOptions {
        Objects.requireNonNull(defaultMode, "defaultMode");
        if (maxFrameBytes < MIN_FRAME_BYTES || maxFrameBytes > MAX_FRAME_BYTES) {
            throw new IllegalArgumentException("maxFrameBytes must be in " + MIN_FRAME_BYTES + ".." + MAX_FRAME_BYTES
                    + " (got " + maxFrameBytes + ")");
        }
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("ratePerSecond must be a finite number > 0 (got " + ratePerSecond + ")");
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be >= 1 (got " + burst + ")");
        }
        if (outboxLimit < 1) {
            throw new IllegalArgumentException("outboxLimit must be >= 1 (got " + outboxLimit + ")");
        }
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive (got " + idleTimeout + ")");
        }
        Objects.requireNonNull(nanoClock, "nanoClock");
        iceServers = List.copyOf(iceServers);
        Objects.requireNonNull(authenticator, "authenticator");
        if (maxRooms < 1 || maxRooms > MAX_ROOMS) {
            throw new IllegalArgumentException("maxRooms must be in 1.." + MAX_ROOMS + " (got " + maxRooms + ")");
        }
        allowedOrigins = List.copyOf(allowedOrigins);
        for (String o : allowedOrigins) {
            if (o.isBlank() || !o.contains("://")) {
                throw new IllegalArgumentException("allowedOrigins must hold origins like https://host:port (got '"
                        + o + "')");
            }
        }
        if (maxTracks < 1 || maxTracks > MAX_TRACKS) {
            throw new IllegalArgumentException("maxTracks must be in 1.." + MAX_TRACKS + " (got " + maxTracks + ")");
        }
        new JoinIceServers(iceServers, turnCredentials); // throws for a TURN entry nothing can give credentials
    }

    /**
     * sfu rooms, 64 KiB frames, 50 msg/s with bursts of 100, 256 queued frames, 5 min idle timeout,
     * 1000 rooms, 16 sending tracks per participant.
     */
    public static SignalingOptions defaults() {
        return new SignalingOptions(RoomMode.SFU, null, 64 * 1024, 50, 100, 256, Duration.ofMinutes(5),
                System::nanoTime, List.of(), Authenticator.ALLOW_ALL, 1000, 16, List.of(), null);
    }

    /** The policy in force: {@link #roomPolicy()} or uniform {@link #defaultMode()}. */
    public RoomPolicy effectivePolicy() {
        return roomPolicy != null ? roomPolicy : RoomPolicy.uniform(defaultMode);
    }

    public SignalingOptions withDefaultMode(RoomMode mode) {
        return new SignalingOptions(mode, roomPolicy, maxFrameBytes, ratePerSecond, burst, outboxLimit, idleTimeout,
                nanoClock, iceServers, authenticator, maxRooms, maxTracks, allowedOrigins, turnCredentials);
    }

    public SignalingOptions withRoomPolicy(RoomPolicy policy) {
        return new SignalingOptions(defaultMode, policy, maxFrameBytes, ratePerSecond, burst, outboxLimit, idleTimeout,
                nanoClock, iceServers, authenticator, maxRooms, maxTracks, allowedOrigins, turnCredentials);
    }

    public SignalingOptions withMaxFrameBytes(int bytes) {
        return new SignalingOptions(defaultMode, roomPolicy, bytes, ratePerSecond, burst, outboxLimit, idleTimeout,
                nanoClock, iceServers, authenticator, maxRooms, maxTracks, allowedOrigins, turnCredentials);
    }

    public SignalingOptions withRateLimit(double perSecond, int burstSize) {
        return new SignalingOptions(defaultMode, roomPolicy, maxFrameBytes, perSecond, burstSize, outboxLimit,
                idleTimeout, nanoClock, iceServers, authenticator, maxRooms, maxTracks, allowedOrigins, turnCredentials);
    }

    public SignalingOptions withOutboxLimit(int frames) {
        return new SignalingOptions(defaultMode, roomPolicy, maxFrameBytes, ratePerSecond, burst, frames, idleTimeout,
                nanoClock, iceServers, authenticator, maxRooms, maxTracks, allowedOrigins, turnCredentials);
    }

    public SignalingOptions withIdleTimeout(Duration timeout) {
        return new SignalingOptions(defaultMode, roomPolicy, maxFrameBytes, ratePerSecond, burst, outboxLimit, timeout,
                nanoClock, iceServers, authenticator, maxRooms, maxTracks, allowedOrigins, turnCredentials);
    }

    public SignalingOptions withNanoClock(LongSupplier clock) {
        return new SignalingOptions(defaultMode, roomPolicy, maxFrameBytes, ratePerSecond, burst, outboxLimit,
                idleTimeout, clock, iceServers, authenticator, maxRooms, maxTracks, allowedOrigins, turnCredentials);
    }

    public SignalingOptions withIceServers(List<SignalMessage.IceServer> servers) {
        return new SignalingOptions(defaultMode, roomPolicy, maxFrameBytes, ratePerSecond, burst, outboxLimit,
                idleTimeout, nanoClock, servers, authenticator, maxRooms, maxTracks, allowedOrigins, turnCredentials);
    }

    public SignalingOptions withAuthenticator(Authenticator auth) {
        return new SignalingOptions(defaultMode, roomPolicy, maxFrameBytes, ratePerSecond, burst, outboxLimit,
                idleTimeout, nanoClock, iceServers, auth, maxRooms, maxTracks, allowedOrigins, turnCredentials);
    }

    /** Rooms at once on this server, 1..{@value #MAX_ROOMS}. */
    public SignalingOptions withMaxRooms(int rooms) {
        return new SignalingOptions(defaultMode, roomPolicy, maxFrameBytes, ratePerSecond, burst, outboxLimit,
                idleTimeout, nanoClock, iceServers, authenticator, rooms, maxTracks, allowedOrigins, turnCredentials);
    }

    /** Sending m-sections per participant offer, 1..{@value #MAX_TRACKS}. */
    public SignalingOptions withMaxTracks(int tracks) {
        return new SignalingOptions(defaultMode, roomPolicy, maxFrameBytes, ratePerSecond, burst, outboxLimit,
                idleTimeout, nanoClock, iceServers, authenticator, maxRooms, tracks, allowedOrigins, turnCredentials);
    }

    /** Origins allowed to open the WebSocket; empty = every origin. */
    public SignalingOptions withAllowedOrigins(List<String> origins) {
        return new SignalingOptions(defaultMode, roomPolicy, maxFrameBytes, ratePerSecond, burst, outboxLimit,
                idleTimeout, nanoClock, iceServers, authenticator, maxRooms, maxTracks, origins, turnCredentials);
    }

    /** TURN REST credentials minted per join for TURN entries without their own; null = none. */
    public SignalingOptions withTurnCredentials(io.junction.signaling.iceservers.TurnRestCredentials turn) {
        return new SignalingOptions(defaultMode, roomPolicy, maxFrameBytes, ratePerSecond, burst, outboxLimit,
                idleTimeout, nanoClock, iceServers, authenticator, maxRooms, maxTracks, allowedOrigins, turn);
    }
}
