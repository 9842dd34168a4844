package io.junction.rtp.rtcp;

/**
 * Constants of transport-wide congestion control feedback
 * (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1): RTPFB FMT=15.
 *
 * <pre>
 * | header, sender SSRC, media SSRC (12 bytes, RFC 4585)           |
 * |      base sequence number     |      packet status count      |
 * |                 reference time                | fb pkt. count |
 * |          packet chunk         |         packet chunk          |  ...
 * |         recv delta            |  recv delta   | zero padding  |  ...
 * </pre>
 * Chunks: run length (T=0, 2-bit symbol, 13-bit length) or status vector (T=1; S=0: 14
 * one-bit symbols, S=1: 7 two-bit symbols). Symbols: 0 not received, 1 received with a
 * 1-byte unsigned delta, 2 received with a 2-byte signed delta, 3 reserved. Deltas and
 * reference time are in 250 µs and 64 ms units.
 */
public final class TransportCc {
    /** Bytes before the first packet chunk. */
    public static final int FIXED_LENGTH = 20;
    /** Symbol: packet not received. */
    public static final int NOT_RECEIVED = 0;
    /** Symbol: received, delta 0..255 ticks in one byte. */
    public static final int SMALL_DELTA = 1;
    /** Symbol: received, delta as a signed 16-bit value. */
    public static final int LARGE_DELTA = 2;
    /** Microseconds per delta tick. */
    public static final int DELTA_TICK_US = 250;
    /** Microseconds per reference-time unit. */
    public static final int REFERENCE_TIME_UNIT_US = 64_000;

    private TransportCc() {
    }

    /** True if the packet's type and FMT say transport-wide CC and the fixed part is present. */
    public static boolean is(byte[] b, int off, int len) {
        return Feedback.is(b, off, len, RtcpHeader.RTPFB, RtcpHeader.FMT_TWCC) && len >= FIXED_LENGTH;
    }
}
