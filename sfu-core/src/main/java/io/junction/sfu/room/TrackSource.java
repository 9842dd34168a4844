package io.junction.sfu.room;

/**
 * What the forwarding core needs to know of a published track, fixed when the publisher's offer
 * was answered.
 *
 * @param key            unique within the room: publisher id + "/" + mid
 * @param publisherId    the publisher's participant id (the msid stream id toward subscribers)
 * @param trackId        the msid track id
 * @param kind           "audio" or "video"
 * @param codecName      the primary codec, e.g. "VP8" or "opus"
 * @param clockRate      its RTP clock rate
 * @param payloadType    the publisher's payload type for it
 * @param rtxPayloadType the publisher's RTX payload type, or -1
 * @param ssrc           the publisher's media SSRC
 * @param rtxSsrc        the publisher's RTX SSRC, or -1
 * @param firOnly        true when the publisher negotiated {@code ccm fir} but not {@code nack pli}
 */
public record TrackSource(String key, String publisherId, String trackId, String kind, String codecName,
                          int clockRate, int payloadType, int rtxPayloadType, long ssrc, long rtxSsrc,
                          boolean firOnly) {
    public boolean isVideo() {
        return "video".equals(kind);
    }
}
