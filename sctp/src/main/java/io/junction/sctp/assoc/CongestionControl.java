package io.junction.sctp.assoc;

/**
 * The congestion window of one path (RFC 9260 §7.2): slow start and congestion avoidance
 * (§7.2.1, §7.2.2), the collapse on T3 expiry (§7.2.3) and fast recovery (§7.2.4). Bytes only;
 * the caller says what was acknowledged and what was outstanding.
 */
final class CongestionControl {
    private final int mtu;
    private long cwnd;
    private long ssthresh;
    private long partialBytesAcked;
    private boolean fastRecovery;
    private long fastRecoveryExit;

    CongestionControl(int mtu) {
        this.mtu = mtu;
    }

    /** §7.2.1: initial cwnd min(4*MTU, max(2*MTU, 4404)), ssthresh the peer's window. */
    void start(long peerArwnd) {
        cwnd = Math.min(4L * mtu, Math.max(2L * mtu, 4404));
        ssthresh = peerArwnd;
        partialBytesAcked = 0;
        fastRecovery = false;
    }

    long cwnd() {
        return cwnd;
    }

    long ssthresh() {
        return ssthresh;
    }

    boolean inFastRecovery() {
        return fastRecovery;
    }

    /**
     * A SACK acknowledged {@code bytesAcked} new bytes with {@code flightBefore} outstanding before
     * it. The window grows only when the cumulative ack advanced, outside fast recovery, and when
     * the window was in use (§7.2.1: flight + MTU reaching cwnd).
     */
    void onAck(long bytesAcked, long flightBefore, boolean cumAdvanced) {
        if (!cumAdvanced || fastRecovery) {
            return;
        }
        boolean fullyUsed = flightBefore + mtu >= cwnd;
        if (cwnd <= ssthresh) {
            if (fullyUsed) {
                cwnd += Math.min(bytesAcked, mtu);
            }
        } else {
            partialBytesAcked += bytesAcked;
            if (partialBytesAcked >= cwnd && fullyUsed) {
                partialBytesAcked -= cwnd;
                cwnd += mtu;
            }
        }
    }

    /** The cumulative ack reached {@code cumAck}: fast recovery ends at its exit point (§7.2.4). */
    void onCumAck(long cumAck) {
        if (fastRecovery && cumAck >= fastRecoveryExit) {
            fastRecovery = false;
        }
    }

    /** §7.2.4 fast retransmit: enter fast recovery once, halving the window; exit at {@code highestOutstanding}. */
    void onFastRetransmit(long highestOutstanding) {
        if (!fastRecovery) {
            fastRecovery = true;
            fastRecoveryExit = highestOutstanding;
            ssthresh = Math.max(cwnd / 2, 4L * mtu);
            cwnd = ssthresh;
            partialBytesAcked = 0;
        }
    }

    /** §7.2.3: T3 expiry shrinks the window to one MTU and leaves fast recovery. */
    void onT3Expiry() {
        ssthresh = Math.max(cwnd / 2, 4L * mtu);
        cwnd = mtu;
        partialBytesAcked = 0;
        fastRecovery = false;
    }
}
