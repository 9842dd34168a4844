package io.junction.dtls;

/**
 * Which side of the DTLS handshake this endpoint plays (RFC 5763 §5): {@code a=setup:active}
 * means DTLS client, {@code a=setup:passive} means DTLS server.
 */
public enum DtlsRole {
    /** Sends the ClientHello (a=setup:active). */
    CLIENT,
    /** Waits for the ClientHello (a=setup:passive). */
    SERVER
}
