/**
 * ICE over ice4j: one UDP port shared by all server-side sessions, host candidates only (loopback
 * included when announced), full ICE in the controlled role on the server (ice4j has no ICE-lite) and
 * the controlling role on clients.
 *
 * <h2>ice4j settings ({@code Ice4jSetup}, applied before the first Agent)</h2>
 * AWS/STUN mapping harvesters off ({@code ice4j.harvest.mapping.aws.enabled=false}, no STUN servers),
 * {@code ice4j.harvest.udp.use-dynamic-ports=false}, {@code ice4j.harvest.use-link-local-addresses=false},
 * socket pool size 1 (a second bind of a used port fails instead of silently sharing it), no component
 * socket (it would start a reader thread per session), consent checks every 5 s (RFC 7675 §5.1).
 * Properties already set by the application are kept. ice4j logs through java.util.logging: the
 * {@code org.ice4j} and {@code org.jitsi} JUL loggers are set to WARNING and get an SLF4J bridge handler
 * of their own (no parent handlers); the JUL root logger is not touched, so nothing global changes for
 * other libraries or tests. (A few INFO lines printed while ice4j loads its configuration escape.)
 *
 * <h2>Receive path: the push API (verified)</h2>
 * With {@code AbstractUdpListener.USE_PUSH_API = true} (a static ice4j switch, set once), the shared
 * port's single ice4j reader thread hands every non-STUN datagram of a known remote address to
 * {@code Component.setBufferCallback}; STUN still goes to ice4j's STUN stack. The loopback tests
 * receive all data this way, so there is no reader thread per participant. Without the switch the
 * callback is never called (ice4j queues the data for a socket nobody reads). The buffers come from
 * ice4j's static {@code BufferPool} hooks, which {@link io.junction.ice.Ice4jBuffers} points at a
 * bounded recycling pool.
 *
 * <h2>Threading model</h2>
 * <ul>
 * <li>{@link io.junction.ice.IceTransport.Listener#onData}: on the server, the {@link io.junction.ice.IcePort}'s
 *     ice4j reader thread ("AbstractUdpListener thread for ..."), one for all sessions of the port; on a
 *     client, the JVM-wide "junction-ice-client-io" selector thread shared by all clients. Never two
 *     threads at once for one transport. The buffer is valid only during the call; do not block.</li>
 * <li>{@code onConnected}: on ice4j's agent thread that completes the checks; held datagrams that
 *     arrived before the pair was selected are replayed right after it, before the fast path opens.</li>
 * <li>{@code onFailed}: on ice4j's agent thread (checks failed) or the timer thread (connect timeout,
 *     consent lost); the session frees its agent afterwards on the timer thread.</li>
 * <li>{@link io.junction.ice.IceTransport#send}: any thread, concurrently; ice4j writes to the socket
 *     on the calling thread.</li>
 * </ul>
 * Threads: per {@code IcePort} one ice4j reader and one timer ("junction-ice-timer-PORT"); per session
 * ice4j's STUN connector thread ("IceConnector@...", ice4j's own need) for each remote address that
 * sent a check; clients share one I/O and one timer thread (reference-counted, gone when the last
 * client closes) plus one ice4j connector each. ice4j's own static pools ("ice4j.Agent-...",
 * "ice4j.NetAccessManager-...", "ice4j.StunClientTransaction-...") are JVM-wide and idle out by themselves.
 *
 * <h2>Admission and STUN checks</h2>
 * <ul>
 * <li>Remote networks ({@link io.junction.ice.IceConfig#allowedNetworks()}, {@link io.junction.ice.RemoteNetworks}):
 *     the first datagram from an unknown remote address is dropped at the shared port when the address is
 *     outside the list ({@link io.junction.ice.IcePort#rejectedByNetwork()}); remote candidates outside it are
 *     never added to a session, so the server sends no checks there
 *     ({@link io.junction.ice.IcePort#candidatesOutsideAllowedNetworks()}).</li>
 * <li>STUN framing ({@link io.junction.ice.StunFraming}): every agent's STUN stack reads through a wrapper that
 *     drops STUN failing the check before ice4j's {@code Message.decode}, on the server (each session's
 *     per-remote-address socket) and on clients; the shared port also checks the first datagram from an
 *     unknown address before it opens a session ({@link io.junction.ice.IcePort#malformedStun()}). One path is
 *     not covered: ice4j's shared-port listener decodes that first datagram itself to read its USERNAME before
 *     any overridable method runs ({@code AbstractUdpListener.getUfrag}, static and package-private); it catches
 *     every Exception there and drops the datagram, logging at FINE, so malformed input costs a decode attempt
 *     but logs nothing above FINE and opens no session.</li>
 * </ul>
 *
 * <h2>Delivery rule</h2>
 * Only datagrams from the selected pair's remote address reach {@code onData}; the others are counted
 * ({@link io.junction.ice.IceTransportStats#droppedNotSelected()}). Datagrams from addresses that never
 * sent a valid check are dropped by ice4j before they reach a session (Binding Requests with an
 * unknown ufrag are counted by {@link io.junction.ice.IcePort#rejectedStunRequests()}).
 */
package io.junction.ice;
