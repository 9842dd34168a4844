package io.junction.dtls;

import io.junction.srtp.SrtpKeyingMaterial;

/**
 * Outcome of a {@link DtlsTransport}. At most one of {@link #onHandshakeComplete} first, then at
 * most one terminal call: {@link #onFailure} or {@link #onClosed}. A local {@code close()} calls
 * nothing. Calls happen while the transport's lock is held: do not block in them.
 */
public interface DtlsListener {
    /** The handshake finished and the peer certificate matched; keys are split by role. */
    void onHandshakeComplete(SrtpKeyingMaterial keys);

    /** Handshake failure, fingerprint mismatch ("fingerprint mismatch" in the reason), timeout, fatal alert. */
    void onFailure(String reason);

    /** The peer sent close_notify. */
    void onClosed();

    /**
     * One application-data record after the handshake (RFC 8261 §5: each record carries one SCTP
     * packet). The buffer is reused: copy before returning. Default: ignored (and counted).
     *
     * @return true if the record was consumed, false to have it counted as dropped
     */
    default boolean onApplicationData(byte[] buf, int off, int len) {
        return false;
    }
}
