package io.junction.sfu.sdp;

import java.util.Objects;

/** One {@code sc-id} of {@code a=simulcast} (RFC 8853 section 5.1): a rid, maybe paused ({@code ~}). */
public record SimulcastId(String rid, boolean paused) {
    public SimulcastId {
        Objects.requireNonNull(rid, "rid");
    }

    public String toSdp() {
        return paused ? "~" + rid : rid;
    }
}
