/**
 * One participant's media transport: ICE, DTLS and SRTP glued together, with the RFC 7983 §7
 * demultiplexer on the datagrams of the selected pair.
 *
 * <h2>Lifecycle</h2>
 * A {@code MediaTransport} owns its ICE transport from construction (so its local credentials and
 * candidates can be signalled before the peer's description exists) and gets the peer's
 * fingerprint and the DTLS role at {@code start(fingerprint, role)}, which creates the DTLS
 * transport. Before {@code start} a DTLS record or SRTP packet is dropped and counted
 * ({@code NOT_CONNECTED}); the server's ICE-lite session delivers nothing before it is started anyway.
 *
 * <h2>Threading model</h2>
 * <ul>
 * <li>Receive: {@link io.junction.transport.MediaTransport.Listener#onRtp}/{@code onRtcp} run on the ICE
 *     receive thread that delivered the datagram (the {@link io.junction.ice.IcePort}'s single ice4j
 *     reader thread on the server, the shared client I/O thread for {@code ClientPeer}s), after SRTP
 *     decryption in place. Exception: SRTP that arrived before this side had its DTLS keys (the peer
 *     may finish the handshake first) is held (up to 32 packets) and handed over once, right after
 *     {@code onConnected}, on the handshake thread; a lock orders that hand-over with the receive
 *     thread, which goes lock-free afterwards. One thread at a time per transport; the buffer is valid only during the
 *     call, so copy or hand off quickly (a room worker queue) and never block.</li>
 * <li>DTLS: the blocking bctls handshake runs as one task on the handshake {@code Executor} given at
 *     construction; afterwards DTLS records are processed on the receive thread.
 *     {@code onConnected} is called on the handshake thread; {@code onFailed} on the ICE agent thread,
 *     the ICE timer thread or the handshake thread; {@code onClosed} on the receive thread.</li>
 * <li>Send: {@code sendRtp}/{@code sendRtcp} may be called from any thread; SRTP protection and the
 *     socket write happen on the caller's thread under a per-transport lock (SRTP allows one sender at a
 *     time). The buffer is encrypted in place and needs {@code SrtpSession.MAX_TRAILER} bytes of tailroom.</li>
 * </ul>
 *
 * <h2>Close cascade</h2>
 * {@code MediaTransport.close()} → DTLS close_notify → SRTP session → ICE agent (sockets, STUN threads).
 * A failure (ICE failed or timed out, consent lost, DTLS failure or fingerprint mismatch) reports
 * {@code onFailed} once and then runs the same cascade.
 *
 * <h2>Drops</h2>
 * Every dropped datagram is counted by {@link io.junction.transport.DropReason}; datagrams from
 * addresses other than the selected pair never get here (see {@link io.junction.ice}).
 */
package io.junction.transport;
