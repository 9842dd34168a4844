/**
 * A Java WebRTC client peer (ICE controlling, DTLS client or server, SRTP) used by tests and by the bench.
 */
package io.junction.transport.client;
