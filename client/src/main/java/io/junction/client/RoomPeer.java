package io.junction.client;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One simulated participant's media side, whatever server it signals with: what a load generator
 * needs to send RTP and RTCP, observe RTCP, and check the RTP it receives. {@link SfuParticipantClient}
 * is Junction's; the bench has one for other media servers it is compared with.
 */
public interface RoomPeer extends MediaPump.Publisher, AutoCloseable {
    /** Completes when DTLS-SRTP is up (fails when the transport fails). */
    CompletableFuture<Void> connected();

    /** Sends one RTCP compound (encrypted in place; leave SRTCP tailroom). */
    void sendRtcp(byte[] buf, int off, int len);

    /** Routes every decrypted RTP packet to {@code tap} instead of the built-in accounting; null restores it. */
    void setRtpTap(SfuParticipantClient.RtpTap tap);

    /** Streams announced to this peer so far, by the SSRC they arrive with. */
    Map<Long, ReceivedStream> received();

    @Override
    void close();
}
