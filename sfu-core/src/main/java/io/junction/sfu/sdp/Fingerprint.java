package io.junction.sfu.sdp;

import java.util.Objects;

/** A certificate fingerprint, {@code a=fingerprint:<hash-func> <fingerprint>} (RFC 8122 section 5). */
public record Fingerprint(String algorithm, String value) {
    public Fingerprint {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(value, "value");
    }

    /** The attribute value, e.g. {@code "sha-256 AB:CD:..."}. */
    public String toSdp() {
        return algorithm + " " + value;
    }
}
