package io.junction.sfu.sdp;

import java.util.List;
import java.util.Objects;

/**
 * {@code a=ssrc-group:<semantics> <ssrc>...} (RFC 5576 section 4.2): {@code FID} pairs a media
 * SSRC with its RTX SSRC (RFC 4588), {@code SIM} lists simulcast layers.
 */
public record SsrcGroup(String semantics, List<Long> ssrcs) {
    public SsrcGroup {
        Objects.requireNonNull(semantics, "semantics");
        ssrcs = List.copyOf(ssrcs);
    }

    public String toSdp() {
        StringBuilder sb = new StringBuilder(semantics);
        for (long s : ssrcs) {
            sb.append(' ').append(s);
        }
        return sb.toString();
    }
}
