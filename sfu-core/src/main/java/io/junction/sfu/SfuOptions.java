package io.junction.sfu;

import io.junction.ice.IceConfig;
import io.junction.sfu.room.RoomOptions;

import java.time.Duration;

/**
 * Options of an {@link SfuEngine}, validated at construction.
 *
 * <p>Handshake threads and the half-open limit: each DTLS handshake in progress holds one
 * handshake thread until it completes or {@code handshakeTimeout} runs out (the handshake blocks
 * on the network), so one source with {@code maxHalfOpenPerSource} silent transports can hold
 * that many threads. With fewer handshake threads than that, one address could delay every
 * other participant's handshake; the engine logs a warning for such options (a load generator
 * on one address may need them) and the defaults keep a wide margin (8 half-open per source,
 * {@value #DEFAULT_HANDSHAKE_THREADS} threads, which cost nothing while idle).
 *
 * @param ice              the shared UDP port, bind and announced addresses; its
 *                         {@link IceConfig#connectTimeout()} must not exceed {@code handshakeTimeout}
 * @param workerThreads    room worker threads, in [1, 256] (default: the number of cores)
 * @param poolBuffers      pooled packet buffers, in [1024, 1048576]
 * @param handshakeThreads most threads running DTLS handshakes at once, in [1, 256] (default
 *                         {@value #DEFAULT_HANDSHAKE_THREADS}); further handshakes wait in a queue,
 *                         their time running
 * @param handshakeTimeout time a participant's transport may take from its start through ICE and
 *                         DTLS before it fails, in [1 s, 60 s] (default 10 s); ICE fails on its own
 *                         connect timeout, DTLS gets what ICE left of this
 * @param room             per-room forwarding options
 * @param maxHalfOpenPerSource media transports one source (a participant's signaling IP address)
 *                         may have set up but not yet through ICE + DTLS, in [1, 1000]; a join
 *                         beyond it is refused (default {@value #DEFAULT_MAX_HALF_OPEN_PER_SOURCE})
 */
public record SfuOptions(IceConfig ice, int workerThreads, int poolBuffers, int handshakeThreads,
                         Duration handshakeTimeout, RoomOptions room, int maxHalfOpenPerSource) {
    /** Default of {@link #maxHalfOpenPerSource()}. */
    public static final int DEFAULT_MAX_HALF_OPEN_PER_SOURCE = 8;
    /** Default of {@link #handshakeThreads()}: well above {@link #DEFAULT_MAX_HALF_OPEN_PER_SOURCE}. */
    public static final int DEFAULT_HANDSHAKE_THREADS = 32;
    /** Largest {@link #handshakeThreads()}. */
    public static final int MAX_HANDSHAKE_THREADS = 256;
    /** Default of {@link #handshakeTimeout()}. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    public SfuOptions {
        if (ice == null) {
            throw new IllegalArgumentException("ice must not be null");
        }
        if (room == null) {
            throw new IllegalArgumentException("room must not be null");
        }
        range("workerThreads", workerThreads, 1, 256);
        range("poolBuffers", poolBuffers, 1024, 1 << 20);
        range("handshakeThreads", handshakeThreads, 1, MAX_HANDSHAKE_THREADS);
        if (handshakeTimeout == null || handshakeTimeout.compareTo(Duration.ofSeconds(1)) < 0
                || handshakeTimeout.compareTo(Duration.ofSeconds(60)) > 0) {
            throw new IllegalArgumentException("handshakeTimeout must be in [1 s, 60 s], got " + handshakeTimeout);
        }
        if (ice.connectTimeout().compareTo(handshakeTimeout) > 0) {
            throw new IllegalArgumentException("ice.connectTimeout (" + ice.connectTimeout()
                    + ") must not exceed handshakeTimeout (" + handshakeTimeout
                    + "): handshakeTimeout bounds ICE and DTLS together");
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

    /** A copy with {@link #handshakeThreads()} set to {@code n}. */
    public SfuOptions withHandshakeThreads(int n) {
        return new SfuOptions(ice, workerThreads, poolBuffers, n, handshakeTimeout, room, maxHalfOpenPerSource);
    }

    /** A copy with {@link #handshakeTimeout()} set to {@code timeout}. */
    public SfuOptions withHandshakeTimeout(Duration timeout) {
        return new SfuOptions(ice, workerThreads, poolBuffers, handshakeThreads, timeout, room, maxHalfOpenPerSource);
    }

    /**
     * True when one source's half-open transports could hold every handshake thread
     * ({@code maxHalfOpenPerSource >= handshakeThreads}): allowed, but one address could then
     * delay every other participant's handshake.
     */
    public boolean oneSourceCanHoldAllHandshakeThreads() {
        return maxHalfOpenPerSource >= handshakeThreads;
    }

    /**
     * Defaults around the given ICE configuration: a handshake timeout of 10 s, or the ICE connect
     * timeout when that is longer (up to 60 s).
     */
    public static SfuOptions defaults(IceConfig ice) {
        Duration timeout = DEFAULT_HANDSHAKE_TIMEOUT;
        if (ice != null && ice.connectTimeout().compareTo(timeout) > 0) {
            timeout = ice.connectTimeout().compareTo(Duration.ofSeconds(60)) > 0 ? Duration.ofSeconds(60)
                    : ice.connectTimeout();
        }
        return new SfuOptions(ice, Runtime.getRuntime().availableProcessors(), 65536, DEFAULT_HANDSHAKE_THREADS,
                timeout, RoomOptions.defaults());
    }

    private static void range(String name, long v, long min, long max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], got " + v);
        }
    }
}
