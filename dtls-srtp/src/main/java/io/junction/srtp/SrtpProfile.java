package io.junction.srtp;

/**
 * The SRTP protection profiles Junction negotiates in the DTLS use_srtp extension
 * (RFC 5764 §4.1.2, RFC 7714 §14.2), in order of preference.
 *
 * <p>Each profile fixes the master key and salt lengths exported from DTLS and the
 * authentication tag appended to every SRTP/SRTCP packet.
 */
public enum SrtpProfile {
    /** SRTP_AEAD_AES_128_GCM (0x0007, RFC 7714): 16-byte key, 12-byte salt, 16-byte GCM tag. */
    AEAD_AES_128_GCM(0x0007, 16, 12, 16),
    /** SRTP_AES128_CM_HMAC_SHA1_80 (0x0001, RFC 5764 §4.1.2): 16-byte key, 14-byte salt, 10-byte HMAC tag. */
    AES128_CM_HMAC_SHA1_80(0x0001, 16, 14, 10);

    /** Length of the SRTCP index word (E flag + 31-bit index) appended by SRTCP (RFC 3711 §3.4). */
    static final int SRTCP_INDEX_LENGTH = 4;

    private final int id;
    private final int masterKeyLength;
    private final int masterSaltLength;
    private final int tagLength;

    SrtpProfile(int id, int masterKeyLength, int masterSaltLength, int tagLength) {
        this.id = id;
        this.masterKeyLength = masterKeyLength;
        this.masterSaltLength = masterSaltLength;
        this.tagLength = tagLength;
    }

    /** The two-byte SRTPProtectionProfile value carried in use_srtp. */
    public int id() {
        return id;
    }

    /** Master key length in bytes. */
    public int masterKeyLength() {
        return masterKeyLength;
    }

    /** Master salt length in bytes. */
    public int masterSaltLength() {
        return masterSaltLength;
    }

    /** Authentication tag length in bytes (HMAC-SHA1-80 tag or GCM tag). */
    public int tagLength() {
        return tagLength;
    }

    /** Bytes protectRtp appends to an RTP packet. */
    public int rtpTrailerLength() {
        return tagLength;
    }

    /** Bytes protectRtcp appends to an RTCP packet (tag plus SRTCP index). */
    public int rtcpTrailerLength() {
        return tagLength + SRTCP_INDEX_LENGTH;
    }

    /**
     * Bytes of DTLS keying material to export: client key, server key, client salt,
     * server salt (RFC 5764 §4.2).
     */
    public int keyingMaterialLength() {
        return 2 * (masterKeyLength + masterSaltLength);
    }

    /** The profile with the given use_srtp id, or null if Junction does not support it. */
    public static SrtpProfile fromId(int id) {
        for (SrtpProfile p : values()) {
            if (p.id == id) {
                return p;
            }
        }
        return null;
    }
}
