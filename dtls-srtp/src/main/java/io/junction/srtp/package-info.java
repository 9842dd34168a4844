/**
 * SRTP and SRTCP (RFC 3711, RFC 7714 for AES-GCM) over jitsi-srtp: profile to policy mapping,
 * per-SSRC crypto contexts, replay protection.
 *
 * <h2>Threading</h2>
 * An {@link io.junction.srtp.SrtpSession} has two independent directions with separate crypto
 * contexts: the protect methods ({@code protectRtp}, {@code protectRtcp}) may be called by one
 * thread while the unprotect methods ({@code unprotectRtp}, {@code unprotectRtcp}) are called by
 * another, concurrently. Each direction must be used by one thread at a time (for example the
 * room worker sends, the I/O thread receives). {@code stats()} may be called from any thread.
 * {@code close()} should be called once both directions have stopped.
 *
 * <h2>Contexts</h2>
 * Crypto contexts are derived lazily on the first packet of each SSRC, bounded per direction
 * (default 64); packets of further SSRCs are dropped and counted. Receive-side replay protection
 * uses a 64-packet window; the rollover counter is tracked across the 16-bit sequence wrap
 * (RFC 3711 §3.3.1). Packets are views: {@code byte[] + offset + length}, transformed in place;
 * protect needs {@link io.junction.srtp.SrtpSession#MAX_TRAILER} bytes of tailroom. Steady-state
 * protect/unprotect allocates nothing in Junction's code.
 */
package io.junction.srtp;
