package io.junction.sfu.view;

/**
 * A snapshot of one incoming stream of a published track: its only stream, or one simulcast layer
 * (lowest first).
 *
 * @param rid        the layer's rid, null for a stream identified by SSRC only
 * @param ssrc       its media SSRC, -1 until learned from the RID extension
 * @param rtxSsrc    its RTX SSRC, -1 when unknown
 * @param active     a packet arrived within the last second (at the last room tick)
 * @param bitrateBps receive bitrate over the last second
 * @param frameRate  frames per second over the last second
 * @param height     frame height seen in the stream (VP8 keyframes) or from {@code a=rid max-height}; -1 unknown
 * @param packetsIn  RTP packets received
 */
public record LayerView(String rid, long ssrc, long rtxSsrc, boolean active, long bitrateBps, int frameRate,
                        int height, long packetsIn) {
}
