package io.junction.sfu.sdp;

/**
 * The server's DTLS role once negotiated (RFC 5763 section 5, RFC 8842 section 5): the side whose
 * {@code a=setup} is {@code passive} is the DTLS server.
 */
public enum DtlsRole {
    /** The server is the DTLS server: it wrote or implied {@code a=setup:passive}. */
    SERVER,
    /** The server is the DTLS client: it wrote or implied {@code a=setup:active}. */
    CLIENT;

    /** The {@code a=setup} value the server writes to keep this role. */
    public String setupValue() {
        return this == SERVER ? "passive" : "active";
    }
}
