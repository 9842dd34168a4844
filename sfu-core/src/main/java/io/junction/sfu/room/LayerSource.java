package io.junction.sfu.room;

/**
 * One incoming RTP stream of a published track as negotiated: the only stream of a plain track,
 * or one simulcast layer (lowest layer first).
 *
 * @param rid       the layer's rid (RFC 8851), null when the stream is identified by SSRC only
 * @param ssrc      the media SSRC when signalled ({@code a=ssrc}, {@code ssrc-group:SIM}), -1
 *                  when it is learned from the RID header extension (RFC 8852)
 * @param rtxSsrc   its RTX SSRC when signalled ({@code ssrc-group:FID}), -1 otherwise (learned
 *                  from the repaired-RID extension for rid layers)
 * @param maxHeight the {@code a=rid} {@code max-height} restriction, -1 when none
 */
public record LayerSource(String rid, long ssrc, long rtxSsrc, int maxHeight) {
}
