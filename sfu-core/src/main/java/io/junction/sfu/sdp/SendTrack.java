package io.junction.sfu.sdp;

import java.util.List;
import java.util.Objects;

/**
 * A track the server wants to send to a participant.
 *
 * @param trackKey  identifies the source track across offers (the section follows this key)
 * @param kind      "audio" or "video"
 * @param ssrc      the SSRC the server uses toward this participant
 * @param rtxSsrc   the RTX SSRC, or {@link SourceSsrcs#NO_RTX}
 * @param streamId  the msid stream id: the publisher's participant id (PROTOCOL.md)
 * @param trackId   the msid track id
 * @param cname     the RTCP cname written on the ssrc lines
 * @param codecs    the primary codecs to offer, e.g. the publisher's negotiated ones; their
 *                  payload types are ignored (the participant's stable ones are used)
 */
public record SendTrack(String trackKey, String kind, long ssrc, long rtxSsrc, String streamId,
                        String trackId, String cname, List<Codec> codecs) {
    public SendTrack {
        Objects.requireNonNull(trackKey, "trackKey");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(trackId, "trackId");
        Objects.requireNonNull(cname, "cname");
        codecs = List.copyOf(codecs);
        if (!kind.equals("audio") && !kind.equals("video")) {
            throw new IllegalArgumentException("kind must be audio or video, was " + kind);
        }
        if (ssrc < 0 || ssrc > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("ssrc must be 0-4294967295, was " + ssrc);
        }
        if (rtxSsrc != SourceSsrcs.NO_RTX && (rtxSsrc < 0 || rtxSsrc > 0xFFFF_FFFFL || rtxSsrc == ssrc)) {
            throw new IllegalArgumentException("rtxSsrc must be -1 or 0-4294967295 and differ from ssrc, was " + rtxSsrc);
        }
        if (codecs.isEmpty()) {
            throw new IllegalArgumentException("codecs must not be empty");
        }
    }
}
