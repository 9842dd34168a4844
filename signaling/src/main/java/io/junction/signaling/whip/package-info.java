/**
 * WHIP (RFC 9725) and WHEP: HTTP fronts whose sessions are members of the same rooms as the
 * WebSocket clients (PROTOCOL.md "WHIP and WHEP").
 *
 * <h2>Pieces</h2>
 * {@link io.junction.signaling.whip.WhipFront} admits sessions (authenticator, rights, room
 * membership through {@link io.junction.signaling.RoomAccess}, the engine's negotiation) and
 * owns them; {@code WhipHandler} is the Jetty handler (routes, content types, bounded bodies,
 * status codes); {@code WhipSession} is one resource; {@link io.junction.signaling.whip.SdpFrag}
 * parses {@code application/trickle-ice-sdpfrag} bodies; {@code Cors} and {@code IceLinks} write
 * headers.
 *
 * <h2>Threading</h2>
 * Requests run on Jetty's threads and may block (reading the bounded body, waiting up to 10 s
 * for the engine's answer), delaying only that request. The session map is concurrent; a
 * session ends once ({@code WhipSession.end} is synchronized). {@code onMediaLost} may be called
 * on engine threads: it only removes the session and queues the leaves (the media session's
 * leave runs on the room's worker, the membership's under the registry's short lock).
 *
 * <h2>Close cascade</h2>
 * {@code WhipFront.close} (Junction calls it first) → each session: media session leave →
 * room membership leave ({@code bye} to the others) → resource gone (404).
 */
package io.junction.signaling.whip;
