package io.junction.sfu.sdp;

import java.util.Objects;

/** The {@code o=} line (RFC 8866 section 5.2). */
public record Origin(String username, String sessionId, long sessionVersion,
                     String netType, String addrType, String address) {
    public Origin {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(netType, "netType");
        Objects.requireNonNull(addrType, "addrType");
        Objects.requireNonNull(address, "address");
    }

    /** The origin JSEP writes (RFC 8829 section 5.2.1): user "-", IN IP4 127.0.0.1. */
    public static Origin of(String sessionId, long sessionVersion) {
        return new Origin("-", sessionId, sessionVersion, "IN", "IP4", "127.0.0.1");
    }

    public String toSdp() {
        return username + " " + sessionId + " " + sessionVersion + " " + netType + " " + addrType + " " + address;
    }
}
