/**
 * One participant's media transport: ICE, DTLS and SRTP glued together, with the RFC 7983 demultiplexer on the selected pair.
 */
package io.junction.transport;
