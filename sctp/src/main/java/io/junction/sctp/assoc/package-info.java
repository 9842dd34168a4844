/**
 * An SCTP association for WebRTC data channels (RFC 8831 §6, RFC 9260, RFC 3758, RFC 6525).
 *
 * <h2>Driving it (the integrator's side)</h2>
 * <pre>{@code
 * Association sctp = new Association(AssociationOptions.DEFAULTS.withPorts(local, remote),
 *         clock::millis, new SecureRandom(), (pkt, off, len) -> dtls.sendApplicationData(pkt, off, len));
 * DataChannels channels = new DataChannels(sctp, dtlsRole == CLIENT);   // or sctp.setListener(...)
 * // when the DTLS handshake completes:   sctp.connect();   (RFC 8841: the DTLS client does; both may)
 * // each decrypted DTLS application record:   sctp.receive(record, off, len);
 * // after every call into sctp and whenever it fires:
 * //     long due = sctp.nextTimeout();  // absolute clock ms, Long.MAX_VALUE = nothing due
 * //     schedule sctp.handleTimeout() at `due` on the same worker (re-read nextTimeout() after each call)
 * // when DTLS closes:   sctp.abort("transport closed")  (or shutdown() for a graceful end)
 * }</pre>
 * <ul>
 *   <li>No threads of its own: every method, and every listener callback, runs on the caller's
 *       thread; use one thread (the room worker) per association. Time comes only from the
 *       injected clock; randomness (tags, TSNs, cookie key) from the injected generator.</li>
 *   <li>Outgoing packets go to the {@link io.junction.sctp.assoc.PacketSink} synchronously, at
 *       most {@code mtu} bytes, in a reused array (copy or encrypt before returning).</li>
 *   <li>Listener events ({@link io.junction.sctp.assoc.AssociationListener}) are raised after the
 *       packet or call that caused them is fully processed, so callbacks may call back in.</li>
 *   <li>Bounded: {@link io.junction.sctp.assoc.Association#send} answers
 *       {@link io.junction.sctp.assoc.SendStatus#QUEUE_FULL} past {@code sendBufferLimit}; a peer
 *       exceeding {@code maxMessageSize} or twice {@code receiveBufferLimit} is aborted with a
 *       reason. Malformed packets are dropped and counted in
 *       {@link io.junction.sctp.assoc.AssociationStats}.</li>
 * </ul>
 *
 * <h2>Inside</h2>
 * {@link io.junction.sctp.assoc.Association} (API, state) → {@code Handlers} (one method per
 * chunk type), {@code Timers} (T1, T2, T3, delayed SACK, heartbeat), {@code Output} (packet
 * building and bundling); {@code Outbound} (fragmentation, retransmission queue, SACK
 * processing, PR-SCTP) with {@code CongestionControl} and {@code Rto}; {@code Inbound} (TSN
 * tracking, reassembly, ordered/unordered delivery, SACK contents); {@code StreamResets}
 * (RE-CONFIG); {@code CookieJar} (HMAC-SHA256 state cookie); {@code Handshake} (INIT contents).
 *
 * <p>Not supported: multi-homing (WebRTC has one path), peer restart (§5.2.4 A), I-DATA
 * (RFC 8260), stream adding, SSN/TSN reset, reneging by the peer (gap-acked data is treated as
 * delivered), AUTH (RFC 4895), zero checksum (RFC 9653).
 */
package io.junction.sctp.assoc;
