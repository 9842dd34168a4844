/**
 * The Java WebRTC client peer used by tests and the load generator: ICE controlling role on its own
 * ephemeral UDP port, DTLS client by default, SRTP. All client peers of a JVM share one I/O thread and
 * one timer thread (plus one ice4j STUN thread each); callbacks follow the threading model of
 * {@link io.junction.transport}.
 */
package io.junction.transport.client;
