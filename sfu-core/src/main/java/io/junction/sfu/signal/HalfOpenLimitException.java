package io.junction.sfu.signal;

/**
 * A join was refused because its source already holds the engine's limit of half-open media
 * transports (created, ICE + DTLS not yet completed). Nothing was created for the refused
 * participant; the message is meant for the client ({@code error} code {@link #CODE}).
 */
public final class HalfOpenLimitException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The PROTOCOL.md error code signaling answers with. */
    public static final String CODE = "rate-limited";
    private final String source;
    private final int limit;

    public HalfOpenLimitException(String source, int limit) {
        super("too many connections being set up from your address (limit " + limit + ")");
        this.source = source;
        this.limit = limit;
    }

    /** The source whose joins are refused (e.g. an IP address). */
    public String source() {
        return source;
    }

    /** Half-open transports allowed per source. */
    public int limit() {
        return limit;
    }
}
