/**
 * A Java participant of Junction: {@link io.junction.client.SignalingClient} speaks PROTOCOL.md v1
 * over the JDK's WebSocket client, and {@link io.junction.client.SfuParticipantClient} adds the
 * media side (SDP, ICE, DTLS, SRTP through {@code io.junction.transport.client.ClientPeer}).
 * The integration tests and the bench use these; they are not needed to embed the server.
 */
package io.junction.client;
