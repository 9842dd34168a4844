/**
 * RTP and RTCP packets as views over byte arrays (RFC 3550, RFC 8285, RFC 4585, RFC 5104), sequence
 * arithmetic, the RFC 7983 first-byte classifier and a pooled buffer with explicit ownership.
 * Everything here is on the per-packet path: no allocation in steady state.
 *
 * <ul>
 *   <li>{@link io.junction.rtp.PacketBuffer} / {@link io.junction.rtp.BufferPool}: pooled byte
 *       arrays with headroom (prepend extensions) and tailroom (SRTP tag); acquire/release
 *       exactly once, leak detection for tests.</li>
 *   <li>{@link io.junction.rtp.RtpPacket}: reusable flyweight; {@code wrap} validates and
 *       returns false with an {@link io.junction.rtp.RtpPacket.Invalid} reason, never throws on
 *       input. {@link io.junction.rtp.RtpHeader} has the same fields as static accessors.</li>
 *   <li>{@link io.junction.rtp.HeaderExtensions} and {@link io.junction.rtp.ExtensionCursor}:
 *       RFC 8285 one-byte and two-byte forms; find, set, id remap, remove, add.</li>
 *   <li>{@link io.junction.rtp.SeqNum}, {@link io.junction.rtp.SeqNumUnwrapper}: 16-bit
 *       wrap-aware arithmetic and 64-bit extension.</li>
 *   <li>{@link io.junction.rtp.PacketClassifier}: STUN / DTLS / RTP-RTCP demultiplexing.</li>
 * </ul>
 *
 * <p>Numeric conventions: sequence numbers and payload types are {@code int}; RTP timestamps,
 * SSRCs and CSRCs are unsigned 32-bit values carried in {@code long} (0..2^32-1). Offsets are
 * absolute indexes into the packet's array. Views and cursors are not thread-safe: keep one
 * per worker thread. RTCP lives in {@link io.junction.rtp.rtcp}.
 */
package io.junction.rtp;
