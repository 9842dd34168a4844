package io.junction.sfu.sdp;

import java.util.Objects;

/**
 * One {@code a=ssrc:<ssrc> <attribute>[:<value>]} line (RFC 5576 section 4.1), e.g.
 * {@code cname} or the legacy {@code msid}. {@code value} is the empty string when absent.
 */
public record SsrcAttribute(long ssrc, String name, String value) {
    public SsrcAttribute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    public String toSdp() {
        return value.isEmpty() ? ssrc + " " + name : ssrc + " " + name + ":" + value;
    }
}
