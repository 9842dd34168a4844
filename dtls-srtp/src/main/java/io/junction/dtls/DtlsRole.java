package io.junction.dtls;

/**
 * Which side of the DTLS handshake this endpoint plays (RFC 5763 §5): {@code a=setup:active}
 * means DTLS client, {@code a=setup:passive} means DTLS server.
 */
public enum DtlsRole {
    /** Sends the ClientHello (a=setup:active). */
    CLIENT,
    /** Waits for the ClientHello (a=setup:passive). */
    SERVER;

    /** The {@code a=setup} value (RFC 4145 §4, RFC 5763 §5) an endpoint writes to keep this role. */
    public String setupValue() {
        return this == SERVER ? "passive" : "active";
    }
}
