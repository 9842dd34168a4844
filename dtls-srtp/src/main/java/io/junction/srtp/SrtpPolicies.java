package io.junction.srtp;

import org.jitsi.srtp.SrtpPolicy;

/** Maps a negotiated {@link SrtpProfile} to jitsi-srtp policies (pure function, new objects each call). */
final class SrtpPolicies {
    private SrtpPolicies() {
    }

    /** HMAC-SHA1 session authentication key length, n_a = 160 bits (RFC 3711 §8.2). */
    private static final int HMAC_SHA1_KEY_LENGTH = 20;

    /**
     * The policy for SRTP or SRTCP under a profile. Receive replay protection is on; the send side
     * check is off so that a packet resent without RTX (same sequence number) is still protected.
     */
    static SrtpPolicy policy(SrtpProfile profile) {
        SrtpPolicy policy = switch (profile) {
            // RFC 7714 §14.2: AEAD, no separate authentication, 16-byte tag, 12-byte salt.
            case AEAD_AES_128_GCM -> new SrtpPolicy(SrtpPolicy.AESGCM_ENCRYPTION, profile.masterKeyLength(),
                SrtpPolicy.NULL_AUTHENTICATION, 0, profile.tagLength(), profile.masterSaltLength());
            // RFC 5764 §4.1.2: AES-CM, HMAC-SHA1 with an 80-bit tag for both SRTP and SRTCP.
            case AES128_CM_HMAC_SHA1_80 -> new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, profile.masterKeyLength(),
                SrtpPolicy.HMACSHA1_AUTHENTICATION, HMAC_SHA1_KEY_LENGTH, profile.tagLength(),
                profile.masterSaltLength());
        };
        policy.setReceiveReplayEnabled(true);
        policy.setSendReplayEnabled(false);
        return policy;
    }
}
