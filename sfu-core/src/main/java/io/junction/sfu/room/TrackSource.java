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
 * @param layers         its incoming streams, lowest simulcast layer first; one for a plain track
 *                       (then {@code ssrc}/{@code rtxSsrc}), several for simulcast ({@code ssrc}
 *                       and {@code rtxSsrc} then name the first layer and may be -1: learned)
 */
public record TrackSource(String key, String publisherId, String trackId, String kind, String codecName,
                          int clockRate, int payloadType, int rtxPayloadType, long ssrc, long rtxSsrc,
                          boolean firOnly, java.util.List<LayerSource> layers) {
    public TrackSource {
        layers = layers == null || layers.isEmpty() ? java.util.List.of(new LayerSource(null, ssrc, rtxSsrc, -1))
                : java.util.List.copyOf(layers);
    }

    /** A plain (single-stream) track. */
    public TrackSource(String key, String publisherId, String trackId, String kind, String codecName,
                       int clockRate, int payloadType, int rtxPayloadType, long ssrc, long rtxSsrc, boolean firOnly) {
        this(key, publisherId, trackId, kind, codecName, clockRate, payloadType, rtxPayloadType, ssrc, rtxSsrc,
                firOnly, null);
    }

    public boolean isVideo() {
        return "video".equals(kind);
    }

    /** True when it has more than one layer (simulcast). */
    public boolean isSimulcast() {
        return layers.size() > 1;
    }

    /** The mid of the publisher's section (the key's part after the last '/'). */
    public String mid() {
        return key.substring(key.lastIndexOf('/') + 1);
    }
}
