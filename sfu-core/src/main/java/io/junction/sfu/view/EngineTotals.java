package io.junction.sfu.view;

import java.util.Map;

/**
 * Engine-wide counters since start: those of participants that left plus those of the current
 * ones (so they only grow, except for a brief overlap while a participant is leaving).
 *
 * @param packetsIn       RTP packets received from publishers
 * @param bytesIn         RTP bytes received from publishers
 * @param packetsOut      RTP packets forwarded to subscribers
 * @param bytesOut        RTP bytes forwarded to subscribers
 * @param nacksSent       NACKs sent upstream
 * @param nacksReceived   NACKs received from subscribers
 * @param nacksServed     packets retransmitted for NACKs
 * @param pliSent         PLIs sent upstream
 * @param firSent         FIRs sent upstream
 * @param dropped         dropped packets by reason ({@code unknown-ssrc}, {@code unknown-payload-type},
 *                        {@code no-buffer}, {@code pool-exhausted}, {@code invalid-rtcp}, the
 *                        transport's reasons in lower case, e.g. {@code srtp_auth}, and the shared ICE
 *                        port's {@code ice_network_rejected} (datagrams from remote addresses outside
 *                        the allowed networks) and {@code stun_malformed} (STUN failing the framing check))
 */
public record EngineTotals(long packetsIn, long bytesIn, long packetsOut, long bytesOut, long nacksSent,
                           long nacksReceived, long nacksServed, long pliSent, long firSent,
                           Map<String, Long> dropped) {
    public EngineTotals {
        dropped = Map.copyOf(dropped);
    }

    /** SRTP/SRTCP packets whose authentication tag did not verify. */
    public long srtpAuthFailures() {
        return dropped.getOrDefault("srtp_auth", 0L);
    }
}
