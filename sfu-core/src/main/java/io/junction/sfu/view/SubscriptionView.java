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
 */
public record SubscriptionView(String trackKey, long ssrc, boolean active, long packetsOut, long bytesOut,
                               long retransmissions, long droppedNoBuffer) {
}
