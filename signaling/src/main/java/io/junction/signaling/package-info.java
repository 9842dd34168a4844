/**
 * The WebSocket signaling endpoint speaking the Junction protocol (PROTOCOL.md v1).
 */
package io.junction.signaling;
