package io.junction.ice;

import java.util.Locale;

/**
 * Which UDP I/O the media port uses ({@link IceConfig#mediaIo()}): java.nio's {@code DatagramChannel}
 * (one datagram per system call) or netty's native epoll transport (recvmmsg into a fixed buffer, sends
 * flushed in batches with sendmmsg, SO_REUSEPORT receive sockets). {@link #AUTO} takes epoll where its
 * native library loads and nio elsewhere.
 */
public enum MediaIoBackend {
    /** epoll where available, else nio (the default). */
    AUTO,
    /** java.nio DatagramChannel on the port's selector thread. */
    NIO,
    /** netty native epoll; the port refuses to start where it is not available. */
    EPOLL;

    /** System property that sets the builder's default ({@code auto}, {@code nio} or {@code epoll}). */
    public static final String PROPERTY = "junction.media-io";

    /**
     * The backend that runs for {@code requested} on a machine where epoll is ({@code epollAvailable}) or is
     * not available: never {@link #AUTO}. Throws IllegalStateException when epoll is asked for and missing.
     */
    public static MediaIoBackend resolve(MediaIoBackend requested, boolean epollAvailable, String whyUnavailable) {
        return switch (requested) {
            case NIO -> NIO;
            case AUTO -> epollAvailable ? EPOLL : NIO;
            case EPOLL -> {
                if (!epollAvailable) {
                    throw new IllegalStateException("media I/O epoll requested but netty's native epoll transport"
                            + " is not available: " + whyUnavailable);
                }
                yield EPOLL;
            }
        };
    }

    /** Parses {@code auto|nio|epoll} (any case); IllegalArgumentException naming the allowed values otherwise. */
    public static MediaIoBackend parse(String name, String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(name + " must be auto, nio or epoll, got " + value);
        }
    }
}
