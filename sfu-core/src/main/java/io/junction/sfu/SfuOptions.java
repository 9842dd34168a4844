package io.junction.sfu;

import io.junction.ice.IceConfig;
import io.junction.sfu.room.RoomOptions;

import java.time.Duration;

/**
 * Options of an {@link SfuEngine}, validated at construction.
 *
 * @param ice              the shared UDP port, bind and announced addresses
 * @param workerThreads    room worker threads, in [1, 256] (default: the number of cores)
 * @param poolBuffers      pooled packet buffers, in [1024, 1048576]
 * @param handshakeThreads threads for DTLS handshakes in progress, in [1, 64]
 * @param handshakeTimeout DTLS handshake limit, in [1 s, 60 s]
 * @param room             per-room forwarding options
 * @param maxHalfOpenPerSource media transports one source (a participant's signaling IP address)
 *                         may have set up but not yet through ICE + DTLS, in [1, 1000]; a join
 *                         beyond it is refused (default {@value #DEFAULT_MAX_HALF_OPEN_PER_SOURCE})
 */
public record SfuOptions(IceConfig ice, int workerThreads, int poolBuffers, int handshakeThreads,
                         Duration handshakeTimeout, RoomOptions room, int maxHalfOpenPerSource) {
    /** Default of {@link #maxHalfOpenPerSource()}. */
    public static final int DEFAULT_MAX_HALF_OPEN_PER_SOURCE = 8;

    public SfuOptions {
        if (ice == null) {
            throw new IllegalArgumentException("ice must not be null");
        }
        if (room == null) {
            throw new IllegalArgumentException("room must not be null");
        }
        range("workerThreads", workerThreads, 1, 256);
        range("poolBuffers", poolBuffers, 1024, 1 << 20);
        range("handshakeThreads", handshakeThreads, 1, 64);
        if (handshakeTimeout == null || handshakeTimeout.compareTo(Duration.ofSeconds(1)) < 0
                || handshakeTimeout.compareTo(Duration.ofSeconds(60)) > 0) {
            throw new IllegalArgumentException("handshakeTimeout must be in [1 s, 60 s], got " + handshakeTimeout);
        }
        range("maxHalfOpenPerSource", maxHalfOpenPerSource, 1, 1000);
    }

    /** Options with the default {@link #maxHalfOpenPerSource()}. */
    public SfuOptions(IceConfig ice, int workerThreads, int poolBuffers, int handshakeThreads,
                      Duration handshakeTimeout, RoomOptions room) {
        this(ice, workerThreads, poolBuffers, handshakeThreads, handshakeTimeout, room,
                DEFAULT_MAX_HALF_OPEN_PER_SOURCE);
    }

    /** A copy with {@link #maxHalfOpenPerSource()} set to {@code n}. */
    public SfuOptions withMaxHalfOpenPerSource(int n) {
        return new SfuOptions(ice, workerThreads, poolBuffers, handshakeThreads, handshakeTimeout, room, n);
    }

    /** Defaults around the given ICE configuration. */
    public static SfuOptions defaults(IceConfig ice) {
        return new SfuOptions(ice, Runtime.getRuntime().availableProcessors(), 65536, 4,
                Duration.ofSeconds(10), RoomOptions.defaults());
    }

    private static void range(String name, long v, long min, long max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], got " + v);
        }
    }
}
