package io.junction.srtp;

/**
 * A snapshot of an {@link SrtpSession}'s counters.
 *
 * @param protectedPackets   RTP and RTCP packets protected
 * @param unprotectedPackets RTP and RTCP packets successfully unprotected
 * @param authFailures       packets dropped because the authentication tag did not verify
 * @param replays            packets dropped as replayed or older than the replay window (RFC 3711 §3.3.2)
 * @param invalid            packets dropped as malformed, too short, lacking tailroom or after close
 * @param ssrcLimitDrops     packets dropped because a direction already had the maximum number of SSRCs
 */
public record SrtpStats(long protectedPackets, long unprotectedPackets, long authFailures, long replays,
                        long invalid, long ssrcLimitDrops) {
}
