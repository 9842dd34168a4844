package io.junction.sctp.assoc;

/**
 * Association settings, validated at construction. Defaults: {@link #DEFAULTS} (WebRTC profile,
 * RFC 8831 §6: port 5000, 1200-byte packets, 256 KiB messages; timers from RFC 9260 §16).
 *
 * @param localPort        our SCTP port ({@code a=sctp-port}, RFC 8841 §5), 1..65535
 * @param remotePort       the peer's SCTP port, 1..65535
 * @param mtu              largest SCTP packet we build, 508..65535 (DTLS adds its own overhead)
 * @param maxMessageSize   largest user message sent or accepted ({@code a=max-message-size}), 1..16 MiB
 * @param sendBufferLimit  bytes queued or unacknowledged before send() answers QUEUE_FULL, >= maxMessageSize
 * @param receiveBufferLimit bytes held for reassembly/ordering; also our advertised window, >= maxMessageSize
 * @param streams          outbound streams offered / inbound streams accepted, 1..65535
 * @param rtoInitialMs     RTO.Initial (§6.3.1), 10..60000
 * @param rtoMinMs         RTO.Min, 10..rtoInitialMs
 * @param rtoMaxMs         RTO.Max, rtoInitialMs..600000
 * @param maxInitRetransmits Max.Init.Retransmits (§5.1, T1), 1..100
 * @param maxAssociationRetransmits Association.Max.Retrans (§8.1), 1..100
 * @param delayedAckMs     SACK delay (§6.2: at most 500 ms), 0..500
 * @param heartbeatIntervalMs HB.interval (§8.3), 0 disables, else 100..3600000
 * @param cookieLifetimeMs Valid.Cookie.Life (§5.1.3), 1000..3600000
 */
public record AssociationOptions(int localPort, int remotePort, int mtu, int maxMessageSize, long sendBufferLimit,
                                 long receiveBufferLimit, int streams, long rtoInitialMs, long rtoMinMs,
                                 long rtoMaxMs, int maxInitRetransmits, int maxAssociationRetransmits,
                                 long delayedAckMs, long heartbeatIntervalMs, long cookieLifetimeMs) {

    public static final AssociationOptions DEFAULTS = new AssociationOptions(5000, 5000, 1200, 256 * 1024,
            1024 * 1024, 1024 * 1024, 65535, 1000, 1000, 60_000, 8, 10, 200, 30_000, 60_000);

    public AssociationOptions {
        range("localPort", localPort, 1, 65535);
        range("remotePort", remotePort, 1, 65535);
        range("mtu", mtu, 508, 65535);
        range("maxMessageSize", maxMessageSize, 1, 16 * 1024 * 1024);
        range("sendBufferLimit", sendBufferLimit, maxMessageSize, Integer.MAX_VALUE);
        range("receiveBufferLimit", receiveBufferLimit, maxMessageSize, Integer.MAX_VALUE);
        range("streams", streams, 1, 65535);
        range("rtoInitialMs", rtoInitialMs, 10, 60_000);
        range("rtoMinMs", rtoMinMs, 10, rtoInitialMs);
        range("rtoMaxMs", rtoMaxMs, rtoInitialMs, 600_000);
        range("maxInitRetransmits", maxInitRetransmits, 1, 100);
        range("maxAssociationRetransmits", maxAssociationRetransmits, 1, 100);
        range("delayedAckMs", delayedAckMs, 0, 500);
        if (heartbeatIntervalMs != 0) {
            range("heartbeatIntervalMs", heartbeatIntervalMs, 100, 3_600_000);
        }
        range("cookieLifetimeMs", cookieLifetimeMs, 1000, 3_600_000);
    }

    private static void range(String name, long v, long min, long max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ", was " + v);
        }
    }

    public AssociationOptions withPorts(int local, int remote) {
        return new AssociationOptions(local, remote, mtu, maxMessageSize, sendBufferLimit, receiveBufferLimit,
                streams, rtoInitialMs, rtoMinMs, rtoMaxMs, maxInitRetransmits, maxAssociationRetransmits,
                delayedAckMs, heartbeatIntervalMs, cookieLifetimeMs);
    }

    /** The largest SCTP packet built, e.g. the DTLS application-data limit (RFC 8261 §5). */
    public AssociationOptions withMtu(int packetSize) {
        return new AssociationOptions(localPort, remotePort, packetSize, maxMessageSize, sendBufferLimit,
                receiveBufferLimit, streams, rtoInitialMs, rtoMinMs, rtoMaxMs, maxInitRetransmits,
                maxAssociationRetransmits, delayedAckMs, heartbeatIntervalMs, cookieLifetimeMs);
    }

    public AssociationOptions withRto(long initialMs, long minMs, long maxMs) {
        return new AssociationOptions(localPort, remotePort, mtu, maxMessageSize, sendBufferLimit,
                receiveBufferLimit, streams, initialMs, minMs, maxMs, maxInitRetransmits,
                maxAssociationRetransmits, delayedAckMs, heartbeatIntervalMs, cookieLifetimeMs);
    }

    public AssociationOptions withBuffers(int maxMessage, long sendLimit, long receiveLimit) {
        return new AssociationOptions(localPort, remotePort, mtu, maxMessage, sendLimit, receiveLimit, streams,
                rtoInitialMs, rtoMinMs, rtoMaxMs, maxInitRetransmits, maxAssociationRetransmits, delayedAckMs,
                heartbeatIntervalMs, cookieLifetimeMs);
    }

    public AssociationOptions withCookieLifetime(long ms) {
        return new AssociationOptions(localPort, remotePort, mtu, maxMessageSize, sendBufferLimit,
                receiveBufferLimit, streams, rtoInitialMs, rtoMinMs, rtoMaxMs, maxInitRetransmits,
                maxAssociationRetransmits, delayedAckMs, heartbeatIntervalMs, ms);
    }

    public AssociationOptions withHeartbeatInterval(long ms) {
        return new AssociationOptions(localPort, remotePort, mtu, maxMessageSize, sendBufferLimit,
                receiveBufferLimit, streams, rtoInitialMs, rtoMinMs, rtoMaxMs, maxInitRetransmits,
                maxAssociationRetransmits, delayedAckMs, ms, cookieLifetimeMs);
    }

    public AssociationOptions withStreams(int n) {
        return new AssociationOptions(localPort, remotePort, mtu, maxMessageSize, sendBufferLimit,
                receiveBufferLimit, n, rtoInitialMs, rtoMinMs, rtoMaxMs, maxInitRetransmits,
                maxAssociationRetransmits, delayedAckMs, heartbeatIntervalMs, cookieLifetimeMs);
    }
}
