package io.junction.sfu.forward;

/**
 * Counters for one outgoing stream's Sender Report (RFC 3550 §6.4.1): packets and payload octets
 * sent (header and padding excluded), and the RTP timestamp matching an SR's NTP time,
 * extrapolated from the last sent packet with the clock rate.
 *
 * <p>Room worker thread only.
 */
public final class SendStats {
    private final int clockRate;
    private long packets;
    private long octets;
    private boolean any;
    private long lastTs;
    private long lastSentMs;

    /** @param clockRate RTP clock rate in Hz, in [1, 1_000_000] */
    public SendStats(int clockRate) {
        Check.range("clockRate", clockRate, 1, 1_000_000);
        this.clockRate = clockRate;
    }

    /** Records one sent RTP packet (retransmissions included, as they are sent in the stream). */
    public void onPacketSent(int payloadLength, long rtpTimestamp, long now) {
        packets++;
        octets += payloadLength;
        any = true;
        lastTs = rtpTimestamp & 0xFFFFFFFFL;
        lastSentMs = now;
    }

    /** SR sender's packet count (wraps at 2^32). */
    public long packetCount() {
        return packets & 0xFFFFFFFFL;
    }

    /** SR sender's octet count (wraps at 2^32). */
    public long octetCount() {
        return octets & 0xFFFFFFFFL;
    }

    /** True once a packet was sent (an SR without any is pointless). */
    public boolean hasSent() {
        return any;
    }

    /** The RTP timestamp corresponding to {@code now}, for an SR built now. */
    public long rtpTimestampAt(long now) {
        return (lastTs + (now - lastSentMs) * clockRate / 1000) & 0xFFFFFFFFL;
    }
}
