/**
 * RTP and RTCP packets as views over byte arrays (RFC 3550, RFC 8285, RFC 4585, RFC 5104), sequence arithmetic, the RFC 7983 first-byte classifier and a pooled buffer with explicit ownership. Everything here is on the per-packet path: no allocation in steady state.
 */
package io.junction.rtp;
