/**
 * DTLS 1.2 with the use_srtp extension (RFC 5764) over BouncyCastle bctls: certificates,
 * fingerprints (RFC 8122), handshakes in both roles (RFC 5763).
 *
 * <h2>Threading</h2>
 * A {@link io.junction.dtls.DtlsTransport}'s blocking bctls handshake runs as one task on an
 * executor owned by the caller (shared among peers); it blocks that pool thread for at most the
 * handshake timeout. {@code receive} may be called from any thread (typically the socket reader);
 * it copies the datagram and, once connected, processes DTLS records (alerts, retransmitted
 * flights) on the calling thread. All state is guarded by one lock per transport; listener
 * callbacks run under it and must not block. No thread is kept per peer after the handshake.
 * {@link io.junction.dtls.DtlsCertificate} is immutable and shared by all transports of a server.
 */
package io.junction.dtls;
