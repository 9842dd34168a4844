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
 */
public record SignalingOptions(RoomMode defaultMode, RoomPolicy roomPolicy, int maxFrameBytes,
                               double ratePerSecond, int burst, int outboxLimit, Duration idleTimeout,
                               LongSupplier nanoClock, List<SignalMessage.IceServer> iceServers,
                               Authenticator authenticator) {
    public static final int MIN_FRAME_BYTES = 1024;
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
    }

    /** sfu rooms, 64 KiB frames, 50 msg/s with bursts of 100, 256 queued frames, 5 min idle timeout. */
    public static SignalingOptions defaults() {
        return new SignalingOptions(RoomMode.SFU, null, 64 * 1024, 50, 100, 256, Duration.ofMinutes(5),
                System::nanoTime, List.of(), Authenticator.ALLOW_ALL);
    }

    /** The policy in force: {@link #roomPolicy()} or uniform {@link #defaultMode()}. */
    public RoomPolicy effectivePolicy() {
        return roomPolicy != null ? roomPolicy : RoomPolicy.uniform(defaultMode);
    }

    public SignalingOptions withDefaultMode(RoomMode mode) {
        return new SignalingOptions(mode, roomPolicy, maxFrameBytes, ratePerSecond, burst, outboxLimit, idleTimeout,
                nanoClock, iceServers, authenticator);
    }

    public SignalingOptions withRoomPolicy(RoomPolicy policy) {
        return new SignalingOptions(defaultMode, policy, maxFrameBytes, ratePerSecond, burst, outboxLimit, idleTimeout,
                nanoClock, iceServers, authenticator);
    }

    public SignalingOptions withMaxFrameBytes(int bytes) {
        return new SignalingOptions(defaultMode, roomPolicy, bytes, ratePerSecond, burst, outboxLimit, idleTimeout,
                nanoClock, iceServers, authenticator);
    }

    public SignalingOptions withRateLimit(double perSecond, int burstSize) {
        return new SignalingOptions(defaultMode, roomPolicy, maxFrameBytes, perSecond, burstSize, outboxLimit,
                idleTimeout, nanoClock, iceServers, authenticator);
    }

    public SignalingOptions withOutboxLimit(int frames) {
        return new SignalingOptions(defaultMode, roomPolicy, maxFrameBytes, ratePerSecond, burst, frames, idleTimeout,
                nanoClock, iceServers, authenticator);
    }

    public SignalingOptions withIdleTimeout(Duration timeout) {
        return new SignalingOptions(defaultMode, roomPolicy, maxFrameBytes, ratePerSecond, burst, outboxLimit, timeout,
                nanoClock, iceServers, authenticator);
    }

    public SignalingOptions withNanoClock(LongSupplier clock) {
        return new SignalingOptions(defaultMode, roomPolicy, maxFrameBytes, ratePerSecond, burst, outboxLimit,
                idleTimeout, clock, iceServers, authenticator);
    }

    public SignalingOptions withIceServers(List<SignalMessage.IceServer> servers) {
        return new SignalingOptions(defaultMode, roomPolicy, maxFrameBytes, ratePerSecond, burst, outboxLimit,
                idleTimeout, nanoClock, servers, authenticator);
    }

    public SignalingOptions withAuthenticator(Authenticator auth) {
        return new SignalingOptions(defaultMode, roomPolicy, maxFrameBytes, ratePerSecond, burst, outboxLimit,
                idleTimeout, nanoClock, iceServers, auth);
    }
}
