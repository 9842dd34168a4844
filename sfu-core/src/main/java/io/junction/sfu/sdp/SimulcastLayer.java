package io.junction.sfu.sdp;

import java.util.List;
import java.util.Objects;

/**
 * One simulcast stream a sender announced.
 *
 * @param rid          the stream's rid (first alternative), null for SSRC-group simulcast
 * @param alternatives every rid of the stream's alternatives (RFC 8853 section 5.1), empty for SSRC groups
 * @param paused       announced paused ({@code ~}, RFC 8853 section 5.1 and RFC 7728)
 * @param ssrc         the layer's SSRC for SSRC-group simulcast, -1 when learned from the RID extension
 * @param rtxSsrc      its RTX SSRC from an {@code FID} group, -1 when unknown
 * @param restrictions the {@code a=rid} restrictions, {@link RidRestrictions#NONE} for SSRC groups
 */
public record SimulcastLayer(String rid, List<String> alternatives, boolean paused, long ssrc, long rtxSsrc,
                             RidRestrictions restrictions) {
    public SimulcastLayer {
        alternatives = List.copyOf(alternatives);
        Objects.requireNonNull(restrictions, "restrictions");
    }
}
