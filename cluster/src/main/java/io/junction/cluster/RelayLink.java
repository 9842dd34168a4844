package io.junction.cluster;

/**
 * One open relay link as the admin API shows it.
 *
 * @param id        the link id ({@code relay.<sender>.<receiver>.<n>})
 * @param room      the room it carries
 * @param node      the other node
 * @param direction {@code "out"} (this node's publishers to {@code node}) or {@code "in"}
 * @param packets   RTP packets sent (out, including retransmissions) or received (in)
 * @param lost      packets of the link's tracks not received (in; RFC 3550 cumulative lost), 0 for out
 * @param nacks     NACKs received from (out) or sent to (in) the other node
 * @param keyframeRequests PLIs/FIRs received from (out) or sent to (in) the other node
 */
public record RelayLink(String id, String room, String node, String direction, long packets, long lost, long nacks,
                        long keyframeRequests) {
}
