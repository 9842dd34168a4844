package io.junction.sfu.sdp;

/**
 * One RTP source announced in a section: its SSRC, the paired RTX SSRC from
 * {@code a=ssrc-group:FID} (RFC 5576 section 4.2, RFC 4588) or {@link #NO_RTX}, and its cname.
 */
public record SourceSsrcs(long ssrc, long rtxSsrc, String cname) {
    /** The value of {@link #rtxSsrc} when there is no RTX stream. */
    public static final long NO_RTX = -1;

    public boolean hasRtx() {
        return rtxSsrc != NO_RTX;
    }
}
