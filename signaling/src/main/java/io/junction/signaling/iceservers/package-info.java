/**
 * The STUN and TURN servers handed to clients in {@code joined.iceServers}:
 * {@link io.junction.signaling.iceservers.IceServerUrl} validates their URLs (RFC 7064, RFC 7065),
 * {@link io.junction.signaling.iceservers.TurnRestCredentials} mints time-limited TURN credentials
 * from a secret shared with the TURN server (the scheme of coturn's {@code use-auth-secret});
 * the signaling package's {@code JoinIceServers} puts them together for each join.
 * Minting runs once per join on the joining socket's thread; nothing here is on a media path.
 */
package io.junction.signaling.iceservers;
