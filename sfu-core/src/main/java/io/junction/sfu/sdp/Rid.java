package io.junction.sfu.sdp;

import java.util.Objects;

/**
 * {@code a=rid:<id> <send|recv> [<restrictions>]} (RFC 8851 section 4). {@code direction} is
 * {@code "send"} or {@code "recv"}; {@code restrictions} is the empty string when absent.
 */
public record Rid(String id, String direction, String restrictions) {
    public Rid {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(restrictions, "restrictions");
    }

    public String toSdp() {
        return restrictions.isEmpty() ? id + " " + direction : id + " " + direction + " " + restrictions;
    }
}
