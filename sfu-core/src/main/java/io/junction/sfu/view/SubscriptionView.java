package io.junction.sfu.view;

/**
 * A snapshot of one subscription: a track forwarded to one participant.
 *
 * @param trackKey        the forwarded track's key
 * @param ssrc            the SSRC the subscriber receives it with
 * @param active          forwarding has started
 * @param packetsOut      RTP packets sent
 * @param bytesOut        RTP bytes sent
 * @param retransmissions NACKed packets resent (served NACKs)
 * @param droppedNoBuffer packets dropped because the buffer pool was empty
 * @param layer           the layer of the track forwarded now (0 for a plain track), -1 before the first
 * @param targetLayer     the layer chosen (forwarded, or waiting for its keyframe), -1 for none
 * @param maxHeight       the subscriber's preferred maximum height, 0 for none
 * @param paused          the subscriber paused it
 * @param layerCap        the highest layer the subscriber's bandwidth allows, -1 for no cap
 */
public record SubscriptionView(String trackKey, long ssrc, boolean active, long packetsOut, long bytesOut,
                               long retransmissions, long droppedNoBuffer, int layer, int targetLayer, int maxHeight,
                               boolean paused, int layerCap) {
}
