package io.junction.sfu.view;

/**
 * A snapshot of one published track as the server receives it.
 *
 * @param key          publisher id + "/" + mid, unique in the room
 * @param publisher    the publisher's participant id
 * @param kind         {@code audio} or {@code video}
 * @param codec        the primary codec name
 * @param ssrc         the publisher's media SSRC
 * @param packetsIn    RTP packets received
 * @param bytesIn      RTP bytes received
 * @param bitrateBps   receive bitrate over the last second
 * @param lost         cumulative packets lost (RFC 3550 §6.4.1)
 * @param jitter       interarrival jitter in RTP timestamp units (RFC 3550 §6.4.1)
 * @param nacksSent    NACK packets sent to the publisher
 * @param pliSent      PLIs sent to the publisher
 * @param firSent      FIRs sent to the publisher
 * @param droppedUnknownPayloadType packets dropped because of an unnegotiated payload type
 * @param subscribers  subscriptions forwarding this track
 * @param layers       its incoming streams: one, or one per simulcast layer (lowest first)
 */
public record TrackView(String key, String publisher, String kind, String codec, long ssrc, long packetsIn,
                        long bytesIn, long bitrateBps, long lost, long jitter, long nacksSent, long pliSent,
                        long firSent, long droppedUnknownPayloadType, int subscribers, java.util.List<LayerView> layers) {
    public TrackView {
        layers = java.util.List.copyOf(layers);
    }
}
