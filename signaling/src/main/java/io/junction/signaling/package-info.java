/**
 * The WebSocket signaling endpoint speaking the Junction protocol (PROTOCOL.md v1).
 *
 * <h2>Pieces</h2>
 * {@link io.junction.signaling.SignalCodec} turns frames into sealed
 * {@link io.junction.signaling.SignalMessage} records and back;
 * {@link io.junction.signaling.NegotiationCodec} maps {@code message.data} to the engine's
 * {@code Negotiation} records; {@link io.junction.signaling.RoomRegistry} owns rooms and fan-out;
 * one {@code ClientHandler} per socket is the protocol state machine; one {@code Outbox} per
 * socket queues outgoing frames; {@link io.junction.signaling.SignalingServer} wires them into
 * Jetty 12 (core WebSocket API, no servlets). Other fronts reach the same rooms through
 * {@link io.junction.signaling.SignalingServer#connect} ({@link io.junction.signaling.FrontConnection},
 * {@link io.junction.signaling.FrameWire}): the socket.io front in the {@code socketio} package.
 *
 * <h2>Threading</h2>
 * <ul>
 * <li>Jetty delivers each socket's frames on its own threads, one frame at a time. A socket's
 *     {@code ClientHandler} additionally serializes its calls (frames, close) with its own lock,
 *     so per-connection state (current room, media session, rate limiter) needs nothing else.</li>
 * <li>All room membership changes and fan-outs run under the single lock of the server's
 *     {@code RoomRegistry}. Lock order is always handler lock, then registry lock; the registry
 *     never calls back into a handler.</li>
 * <li>Under the registry lock only map updates and {@code Outbox.send} happen. {@code send}
 *     never blocks: it appends to a bounded per-socket queue that is drained by Jetty's
 *     asynchronous {@code sendText}, one frame in flight at a time. A socket whose queue overflows
 *     is closed with reason {@code protocol-closed}; that close is run on Jetty's thread pool,
 *     never on the thread holding the registry lock.</li>
 * <li>Media engine calls ({@code join}, {@code onClientNegotiation}, {@code leave}) run on the
 *     socket's thread under its handler lock but outside the registry lock, so a slow engine
 *     call delays only that participant. The engine's {@code NegotiationSink} may be called
 *     from any thread; it only encodes and queues.</li>
 * <li>The {@link io.junction.signaling.Authenticator} runs on the socket's thread under its
 *     handler lock, before the registry lock is taken: a slow decision delays only that
 *     connection. A denied join gets {@code unauthorized}; a granted one carries its
 *     {@code MediaRights} to the engine's join.</li>
 * <li>{@link io.junction.signaling.SignalingServer#shutdown} stops admitting joins and queues
 *     {@code bye} to every participant under the registry lock, then (outside it) waits briefly
 *     for the outboxes to drain and closes the sockets on the closer executor.</li>
 * </ul>
 */
package io.junction.signaling;
