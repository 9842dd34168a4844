package io.junction.transport;

/** Why a {@link MediaTransport} dropped a datagram. */
public enum DropReason {
    /** send or receive of media before DTLS-SRTP keys exist, or after failure/close. */
    NOT_CONNECTED,
    /** first byte outside the RFC 7983 §7 ranges we accept (or STUN/TURN/ZRTP reaching the media path). */
    UNKNOWN_KIND,
    /** SRTP/SRTCP authentication tag did not verify. */
    SRTP_AUTH,
    /** SRTP/SRTCP replay (RFC 3711 §3.3.2). */
    SRTP_REPLAY,
    /** malformed RTP/RTCP or an SRTP limit (too short, too many SSRCs). */
    SRTP_INVALID,
    /** a DTLS record after the DTLS transport failed or closed. */
    DTLS_AFTER_FAILURE,
    /** protect failed on send. */
    SEND_PROTECT_FAILED
}
