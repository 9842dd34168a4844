package io.junction.ice;

/**
 * Why the media port dropped a datagram (issue 18 item 6: every drop at the port is counted by reason).
 * {@link #metricName()} is the {@code reason} label of {@code junction_packets_dropped_total}.
 */
public enum PortDrop {
    /** DTLS or SRTP/SRTCP from a remote address that never passed a valid check. */
    UNKNOWN_ADDRESS("port_unknown_address"),
    /** Neither STUN, DTLS nor RTP/RTCP by the first byte (RFC 7983 §7). */
    NOT_MUXED("port_not_stun_dtls_rtp"),
    /** STUN failing {@link StunFraming} or ice4j's decoder (bad FINGERPRINT included). */
    MALFORMED_STUN("stun_malformed"),
    /** A valid check from an address that already holds its limit of half-open sessions. */
    OVER_LIMIT("port_over_limit"),
    /** A check whose USERNAME names no registered server ufrag. */
    UNKNOWN_UFRAG("port_unknown_ufrag"),
    /** A check without MESSAGE-INTEGRITY or whose HMAC does not match (RFC 5389 §10.1.2). */
    BAD_INTEGRITY("port_bad_integrity"),
    /** First datagram from an address outside the allowed remote networks. */
    NETWORK_REJECTED("ice_network_rejected"),
    /** An authenticated check without PRIORITY or with no/both role attributes (answered 400). */
    BAD_REQUEST("port_bad_request"),
    /** An authenticated check carrying ICE-CONTROLLED (answered 487, RFC 8445 §7.3.1.1). */
    ROLE_CONFLICT("port_role_conflict"),
    /** STUN that is neither a Binding Request nor a Binding Indication (a lite agent sends no requests). */
    UNEXPECTED_STUN("port_unexpected_stun"),
    /** An ICE-TCP frame announcing more than the allowed frame size (RFC 4571): the connection is cut off. */
    MALFORMED_TCP_FRAME("port_tcp_frame_too_long");

    private final String metricName;

    PortDrop(String metricName) {
        this.metricName = metricName;
    }

    /** The metric label. */
    public String metricName() {
        return metricName;
    }
}
