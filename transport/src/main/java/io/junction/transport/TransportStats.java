package io.junction.transport;

import java.util.Map;

/**
 * Counters of one {@link MediaTransport}.
 *
 * @param datagramsIn  datagrams handed over by ICE (selected pair only)
 * @param datagramsOut datagrams given to ICE for sending
 * @param rtpIn        RTP packets decrypted and delivered
 * @param rtcpIn       RTCP packets decrypted and delivered
 * @param dtlsIn       DTLS records passed to the DTLS transport
 * @param dropped      drops by reason (every reason present, zero when none)
 */
public record TransportStats(long datagramsIn, long datagramsOut, long rtpIn, long rtcpIn, long dtlsIn,
                             Map<DropReason, Long> dropped) {
    /** Drops for one reason. */
    public long dropped(DropReason r) {
        return dropped.getOrDefault(r, 0L);
    }
}
