/**
 * RTCP (RFC 3550 §6, RFC 4585, RFC 5104, REMB, transport-wide CC) as views over byte arrays.
 *
 * <h2>Error policy: invalid returns, no exceptions on input</h2>
 * Parsing never throws on bad input. {@link io.junction.rtp.rtcp.RtcpCursor#reset} validates a
 * whole compound packet up front (RFC 3550 §6.1, Appendix A.2: version, lengths that add up,
 * padding counts) and returns false with a {@link io.junction.rtp.rtcp.RtcpCursor.Invalid} reason;
 * only then does {@code next()} walk the packets. Each packet type's {@code isValid(b, off, len)}
 * checks that one packet (as delivered by the cursor) is long enough for its fixed fields and
 * its declared counts; accessors may be called only after it returned true. Transport-wide CC
 * feedback is fully validated by {@link io.junction.rtp.rtcp.TransportCcReader#reset}.
 *
 * <p>Builders write into a caller-provided array at an offset and return the number of bytes
 * written; they throw {@link IndexOutOfBoundsException} if the destination is too small and
 * {@link IllegalArgumentException} for values out of range (programming errors, not input).
 * SSRCs, timestamps and counters are unsigned 32-bit values in {@code long}s.
 */
package io.junction.rtp.rtcp;
