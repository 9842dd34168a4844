/**
 * DTLS 1.2 with the use_srtp extension (RFC 5764) over BouncyCastle bctls: certificates, fingerprints, handshakes in both roles.
 */
package io.junction.dtls;
