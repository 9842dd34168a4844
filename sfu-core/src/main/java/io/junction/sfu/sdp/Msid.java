package io.junction.sfu.sdp;

import java.util.Objects;

/**
 * {@code a=msid:<stream id> [<track id>]} (RFC 8830 section 2). The track id is the empty string
 * when absent; a stream id of {@code "-"} means "no stream".
 */
public record Msid(String streamId, String trackId) {
    public Msid {
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(trackId, "trackId");
    }

    /** Parses the attribute value; null when it is empty. */
    static Msid parse(String value) {
        String v = value.trim();
        if (v.isEmpty()) {
            return null;
        }
        int sp = v.indexOf(' ');
        return sp < 0 ? new Msid(v, "") : new Msid(v.substring(0, sp), v.substring(sp + 1).trim());
    }

    public String toSdp() {
        return trackId.isEmpty() ? streamId : streamId + " " + trackId;
    }
}
