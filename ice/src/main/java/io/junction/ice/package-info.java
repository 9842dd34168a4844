/**
 * The media port: Junction's own UDP sockets and an ICE-lite responder on the server (RFC 8445 §2.5,
 * {@code a=ice-lite}), and ice4j's full agent on clients (tests, bench, the {@code client} module).
 *
 * <h2>What ice4j is still used for</h2>
 * On the server only its STUN codec: {@code org.ice4j.message.Message}/{@code MessageFactory} decode
 * checks and encode replies, {@code org.ice4j.attribute.*} give USERNAME, PRIORITY, ICE-CONTROLLING/
 * -CONTROLLED, USE-CANDIDATE, XOR-MAPPED-ADDRESS, ERROR-CODE; {@code MessageIntegrityAttribute.calculateHmacSha1}
 * computes short-term MESSAGE-INTEGRITY (keyed directly with the session's password, no StunStack), ice4j's
 * decoder checks FINGERPRINT and its encoder adds it. The server creates no ice4j Agent, harvester or
 * StunStack. Clients run a full ice4j {@code Agent} each ({@link io.junction.ice.AgentTransport}, controlling,
 * regular nomination); a lite peer sends no checks, which ice4j handles: it nominates the pair its own
 * check validated and keeps consent with its periodic checks.
 *
 * <h2>ice4j settings on clients ({@code Ice4jSetup}, applied before the first Agent)</h2>
 * AWS/STUN mapping harvesters off ({@code ice4j.harvest.mapping.aws.enabled=false}, no STUN servers),
 * {@code ice4j.harvest.udp.use-dynamic-ports=false}, {@code ice4j.harvest.use-link-local-addresses=false},
 * no component socket, consent checks every 5 s (RFC 7675 §5.1). The {@code org.ice4j} and {@code org.jitsi}
 * JUL loggers are set to WARNING and bridged to SLF4J; the JUL root logger is not touched.
 *
 * <h2>The server's media port ({@link io.junction.ice.IcePort})</h2>
 * <ul>
 * <li>Sockets ({@link io.junction.ice.BindPlan}): with a specific bind address one socket; with the wildcard
 *     (the default) one socket per announced address of this machine, so a reply or media leaves from the
 *     address the peer sent to (an announced address that is not local, e.g. behind a 1:1 NAT, adds a wildcard
 *     socket). SO_RCVBUF/SO_SNDBUF are requested ({@link io.junction.ice.IceConfig#socketBufferBytes()},
 *     default 4 MiB) and the granted size is logged; the kernel's drop counter of the port is read from
 *     {@code /proc/net/udp[6]} ({@link io.junction.ice.IcePort#kernelDrops()}).</li>
 * <li>UDP I/O ({@link io.junction.ice.IceConfig#mediaIo()}, {@link io.junction.ice.UdpSockets}, logged once at
 *     start): {@code epoll} (the default where netty's native transport loads, {@code auto}) reads with
 *     recvmmsg into one fixed buffer (up to 16 datagrams of up to 4096 bytes per call; a longer datagram is
 *     cut and fails its parser) and sends in sendmmsg batches ({@link io.junction.ice.EpollUdpSocket});
 *     {@code nio} (the fallback) reads and sends one datagram per call through {@code DatagramChannel}. The
 *     demux, the responder, the half-open bounds and the drop counters below are the same code on both.</li>
 * <li>Demux: every datagram is classified by its first byte (RFC 7983 §7). STUN goes to the responder
 *     ({@link io.junction.ice.LiteResponder}: framing check {@link io.junction.ice.StunFraming} first, then
 *     ice4j's decoder); the USERNAME's first part picks the session; DTLS and SRTP/SRTCP are routed by remote
 *     address to the session that address passed a valid check for; everything else is dropped.</li>
 * <li>Every drop is counted by reason ({@link io.junction.ice.PortDrop}): unknown address, not STUN/DTLS/RTP,
 *     malformed STUN, over the half-open limit, unknown ufrag, bad or missing MESSAGE-INTEGRITY, outside the
 *     allowed networks, bad request (400), role conflict (487), unexpected STUN. Unauthenticated input is never
 *     answered (no reflection).</li>
 * <li>ICE-TCP ({@link io.junction.ice.IceTcp}, RFC 6544 passive, RFC 4571 framing): listening sockets on the
 *     same addresses and, by default, the same port number over TCP; {@code tcptype passive} host candidates
 *     with priorities below every UDP one. Frames go through the same demux and responder as datagrams, and a
 *     TCP connection is a path like a UDP remote address. Bounded: connections per remote IP (16), frame size
 *     (8192, a longer announced length cuts the connection at once), a first frame that is not a valid check
 *     cuts it, no valid check within the idle timeout (10 s) or later no frame for the consent timeout cuts
 *     it. A TCP port that cannot be bound leaves the server UDP-only (logged).</li>
 * </ul>
 *
 * <h2>Sessions and admission ({@link io.junction.ice.LiteTransport})</h2>
 * <ul>
 * <li>A join creates a session object only (no socket, no thread, no timer). Its credentials are registered
 *     at the port when first read for the server's SDP ({@link io.junction.ice.IceTransport#localCredentials()}).</li>
 * <li>The first check with valid MESSAGE-INTEGRITY creates the session's first path and takes one half-open
 *     slot of its remote IP ({@link io.junction.ice.IceConfig#maxHalfOpenPerAddress()}); the slot returns when
 *     DTLS completes ({@link io.junction.ice.IceTransport#established()}), the session fails or closes, or its
 *     peer checks for the connect timeout without the session being started. A valid check beyond the limit
 *     is dropped without reply; the peer's retransmissions get in once a slot frees. Joins are never refused.</li>
 * <li>Remote networks ({@link io.junction.ice.IceConfig#allowedNetworks()}): STUN from an address without a
 *     path outside the list is dropped before the responder runs; remote candidates outside it are counted.</li>
 * <li>Role (RFC 8445 §6.1.1, §7.3.1.1): the server is always controlled; a check with ICE-CONTROLLED gets 487
 *     so the full peer switches to controlling; a check without PRIORITY or with no/both role attributes
 *     gets 400.</li>
 * <li>Media path: the remote address of the latest valid check with USE-CANDIDATE, or the first valid check's
 *     before any nomination (so DTLS starts at once). Datagrams from any of the session's (at most 8) validated
 *     addresses are delivered. DTLS that arrives from a validated address before the session is started (the
 *     client's description still on its way) is held (16 datagrams) and delivered right after
 *     {@code onConnected}, so a first flight is never lost to a race with signaling.</li>
 * <li>Consent (RFC 7675): a connected session without a valid check for the consent timeout (default 30 s)
 *     fails; a started session without a path after the connect timeout fails.</li>
 * <li>ICE restart ({@link io.junction.ice.IceTransport#restart}): new local credentials are registered; the old
 *     ones keep working until the first valid check with the new ones; state and DTLS are kept.</li>
 * </ul>
 *
 * <h2>Threading model</h2>
 * <ul>
 * <li>Server, nio: one I/O thread per port ({@code junction-media-io-PORT}, {@link io.junction.ice.MediaIo})
 *     reads every socket (UDP and ICE-TCP), answers STUN, calls
 *     {@link io.junction.ice.IceTransport.Listener#onData} and runs the sessions' timers every 250 ms (on an
 *     injectable clock). {@link io.junction.ice.IceTransport#send} may be called from any thread: it writes to
 *     the socket the path's check arrived on, on the calling thread.</li>
 * <li>Server, epoll: {@link io.junction.ice.IceConfig#ioThreads()} netty I/O threads
 *     ({@code junction-media-epoll-PORT-*}, default 1) each read their own UDP socket(s) (SO_REUSEPORT: the
 *     kernel keeps one remote address on one socket), answer STUN and call {@code onData}; the
 *     {@code junction-media-io-PORT} thread still reads ICE-TCP and runs the timers. {@code send} from any
 *     thread copies the datagram into a pooled direct buffer and queues it (bounded, lock-free) for the I/O
 *     thread of the path's socket, which writes what is queued and flushes it in sendmmsg batches; when the
 *     queue is full the calling thread sends the datagram itself (one sendto: back-pressure, not loss; it may
 *     overtake queued datagrams). One remote address is read by one thread, so a
 *     session whose peer sends from one address (the selected path) never sees two threads at once in
 *     {@code onData}; a peer sending data from two paths at once (UDP and ICE-TCP, or two UDP addresses that
 *     the kernel hashes to different sockets when {@code ioThreads} &gt; 1) can.</li>
 * <li>Both: {@code onConnected} runs on an I/O thread or on the thread that calls {@code start()};
 *     {@code onFailed} on an I/O thread. The buffer given to {@code onData} is valid only during the call; do
 *     not block. No thread per session.</li>
 * <li>Clients: one JVM-wide reader ({@code junction-ice-client-io}) and timer thread shared by all clients
 *     (reference-counted) plus ice4j's own STUN thread per agent and its JVM-wide pools;
 *     {@link io.junction.ice.PeriodicTaskReaper} stops ice4j periodic tasks that escape their cancel.</li>
 * </ul>
 * Close cascade: {@code IcePort.close()} closes every session (credentials, routes and slots forgotten), stops
 * the I/O thread and closes the sockets.
 */
package io.junction.ice;
