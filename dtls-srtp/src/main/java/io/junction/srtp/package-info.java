/**
 * SRTP and SRTCP (RFC 3711) over jitsi-srtp: profile to policy mapping, per-SSRC contexts, replay protection.
 */
package io.junction.srtp;
