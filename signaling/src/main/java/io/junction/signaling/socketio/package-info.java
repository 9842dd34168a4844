/**
 * The socket.io front for classic clients (docs/PROTOCOL.md "socket.io front"): Engine.IO v4 and
 * socket.io v4 from the {@code io.socket} server library, carried by Jetty 12 (WebSocket through
 * Jetty's WebSocket API, long-polling through one async servlet), with the three classic room
 * dialects translated to and from the frames of the {@code /ws} room engine.
 *
 * <h2>Pieces</h2>
 * {@link io.junction.signaling.socketio.SocketIoFront} owns the library servers and mounts the
 * transports; {@code JettyEngineIoWebSocket} and {@code PollingServlet} are the two transports,
 * each checking packets ({@code EngineIoPackets}), sizes and origins before the library sees
 * them; one {@code ClassicSession} per socket.io connection binds it to a
 * {@link io.junction.signaling.FrontConnection}; {@code ClassicInbound} (event → frame) and
 * {@code ClassicOutbound} (frame → events) are the dialect tables.
 *
 * <h2>Threading</h2>
 * <ul>
 * <li>Client events arrive on Jetty's threads (a WebSocket frame or a long-polling POST), under
 *     the library's per-connection lock; the session adds its own lock and hands the frame to
 *     the connection's protocol state machine (handler lock, then registry lock, as on
 *     {@code /ws}).</li>
 * <li>Frames for the client leave the room engine through the connection's bounded outbox; the
 *     session translates and emits each one on Jetty's thread pool, never on the thread holding
 *     the room registry's lock (a long-polling response may be written right there).</li>
 * <li>The library's heartbeat runs on the front's one timer thread, ended by
 *     {@link io.junction.signaling.socketio.SocketIoFront#close()}.</li>
 * </ul>
 */
package io.junction.signaling.socketio;
