package io.junction.sfu.sdp;

import io.junction.dtls.Fingerprint;

import java.util.List;
import java.util.Objects;

/**
 * The server's transport parameters for one participant, written into every server SDP:
 * ICE credentials (RFC 8839 section 5.4), the DTLS certificate fingerprint (RFC 8122) and the
 * server's candidates as {@code a=candidate} values: each string is what follows
 * {@code "a=candidate:"}, e.g. {@code "1 1 udp 2130706431 127.0.0.1 40000 typ host"}. They are
 * written in every section in use; {@code endOfCandidates} adds {@code a=end-of-candidates}
 * (RFC 8840).
 */
public record ServerTransport(String iceUfrag, String icePwd, Fingerprint fingerprint,
                              List<String> candidates, boolean endOfCandidates) {
    public ServerTransport {
        Objects.requireNonNull(iceUfrag, "iceUfrag");
        Objects.requireNonNull(icePwd, "icePwd");
        Objects.requireNonNull(fingerprint, "fingerprint");
        candidates = List.copyOf(candidates);
        // RFC 8839 section 5.4: ufrag 4-256 characters, password 22-256.
        if (iceUfrag.length() < 4 || iceUfrag.length() > 256) {
            throw new IllegalArgumentException("iceUfrag must be 4-256 characters, was " + iceUfrag.length());
        }
        if (icePwd.length() < 22 || icePwd.length() > 256) {
            throw new IllegalArgumentException("icePwd must be 22-256 characters, was " + icePwd.length());
        }
    }
}
