package io.junction.sctp.assoc;

import io.junction.sctp.chunk.DataChunk;
import io.junction.sctp.chunk.PacketWriter;
import io.junction.sctp.chunk.SackChunk;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The sending half: fragmentation and TSN assignment (RFC 9260 §6.9), the retransmission queue,
 * SACK processing (§6.2.1), congestion control (§7.2: slow start, congestion avoidance, fast
 * retransmit and recovery), T3 expiry (§6.3.3) and partial reliability (RFC 3758 §3.5).
 * Messages get their TSNs when queued, so the queue is one TSN-ordered run: {@code sent}
 * (transmitted at least once, not yet cumulatively acked) followed by {@code pending}.
 */
final class Outbound {
    private final int maxFragment;
    private final long bufferLimit;
    private final Rto rto;
    private final CongestionControl cc;
    private final AssociationStats stats;
    private final AssociationListener listener;

    private final ArrayDeque<OutChunk> sent = new ArrayDeque<>();
    private final ArrayDeque<OutChunk> pending = new ArrayDeque<>();
    private final Map<Integer, int[]> nextSsn = new HashMap<>();
    private final Map<Integer, long[]> bufferedByStream = new HashMap<>();

    private long nextTsn;
    /** Chunks marked for retransmission: lets the common case skip scanning {@code sent}. */
    private int toRetransmit;
    private long cumAck;
    private long advancedPeerAck;
    private long buffered;
    private long flight;
    private long peerRwnd;
    private boolean fastRtxPacket;
    private long rttTsn = -1;
    private long rttSentMs;
    private boolean forwardTsnSupported;

    Outbound(AssociationOptions o, Rto rto, AssociationStats stats, AssociationListener listener) {
        this.maxFragment = o.mtu() - 12 - DataChunk.HEADER;
        this.bufferLimit = o.sendBufferLimit();
        this.rto = rto;
        this.cc = new CongestionControl(o.mtu());
        this.stats = stats;
        this.listener = listener;
    }

    /** Starts with our initial TSN and the peer's window (§6.2.1, §7.2.1: initial cwnd). */
    void start(long initialTsn, long peerArwnd, boolean forwardTsn) {
        nextTsn = initialTsn;
        cumAck = initialTsn - 1;
        advancedPeerAck = cumAck;
        peerRwnd = peerArwnd;
        cc.start(peerArwnd);
        forwardTsnSupported = forwardTsn;
    }

    SendStatus enqueue(int stream, long ppid, byte[] data, int off, int len, SendOptions opt, long nowMs) {
        if (buffered + len > bufferLimit) {
            return SendStatus.QUEUE_FULL;
        }
        byte[] copy = java.util.Arrays.copyOfRange(data, off, off + len);
        int ssn = 0;
        if (opt.ordered()) {
            int[] s = nextSsn.computeIfAbsent(stream, k -> new int[1]);
            ssn = s[0];
            s[0] = (s[0] + 1) & 0xFFFF;
        }
        boolean pr = forwardTsnSupported && !opt.reliable();
        OutChunk.Message m = new OutChunk.Message(stream, opt.ordered(), ssn,
                pr ? opt.maxRetransmits() : -1,
                pr && opt.lifetimeMs() >= 0 ? nowMs + opt.lifetimeMs() : Long.MAX_VALUE);
        for (int at = 0; at < len; at += maxFragment) {
            int n = Math.min(maxFragment, len - at);
            int flags = (at == 0 ? DataChunk.FLAG_BEGIN : 0) | (at + n == len ? DataChunk.FLAG_END : 0)
                    | (opt.ordered() ? 0 : DataChunk.FLAG_UNORDERED);
            pending.add(new OutChunk(nextTsn++, m, ppid, flags, copy, at, n));
        }
        buffered += len;
        bufferedByStream.computeIfAbsent(stream, k -> new long[1])[0] += len;
        stats.messagesSent++;
        return SendStatus.OK;
    }

    /** Writes retransmissions, then new DATA, as the window allows (§6.1 A/B, §7.2.4 fast rtx). */
    void writeData(PacketWriter w, long nowMs) {
        moveAbandonedPending();
        for (Iterator<OutChunk> it = sent.iterator(); toRetransmit > 0 && it.hasNext(); ) {
            OutChunk c = it.next();
            if (!c.retransmit) {
                continue;
            }
            if (abandonIfExpired(c, nowMs)) {
                continue;
            }
            if (!fastRtxPacket && flight >= cc.cwnd()) {
                return;
            }
            if (!write(w, c, nowMs)) {
                fastRtxPacket = false;
                return;
            }
            mark(c, false);
            stats.retransmissions++;
        }
        fastRtxPacket = false;
        while (!pending.isEmpty()) {
            OutChunk c = pending.peek();
            if (c.msg.abandoned || (c.msg.expiresAtMs <= nowMs && (c.flags & DataChunk.FLAG_BEGIN) != 0)) {
                abandon(c.msg);
                moveAbandonedPending();
                continue;
            }
            if (flight > 0 && (flight >= cc.cwnd() || c.len > peerRwnd)) {
                return;
            }
            if (!write(w, c, nowMs)) {
                return;
            }
            pending.poll();
            sent.add(c);
            if (rttTsn < 0) {
                rttTsn = c.tsn;
                rttSentMs = nowMs;
            }
        }
    }

    private boolean write(PacketWriter w, OutChunk c, long nowMs) {
        if (w.remaining() < DataChunk.HEADER + c.len) {
            return false;
        }
        byte[] b = w.array();
        int at = w.position();
        int len = DataChunk.writeHeader(b, at, c.flags, Tsn.wire(c.tsn), c.msg.stream, c.msg.ssn, c.ppid, c.len);
        System.arraycopy(c.data, c.off, b, at + DataChunk.HEADER, c.len);
        w.commit(len);
        c.sendCount++;
        c.lastSentMs = nowMs;
        c.inFlight = true;
        flight += c.len;
        peerRwnd = Math.max(0, peerRwnd - c.len);
        stats.dataChunksOut++;
        return true;
    }

    /** Processes a SACK (§6.2.1, §7.2.1-7.2.4); returns true if the cumulative ack advanced. */
    boolean onSack(byte[] b, int off, long nowMs) {
        long cum = Tsn.unwrap(SackChunk.cumulativeTsnAck(b, off), cumAck);
        if (cum < cumAck || cum >= nextTsn) {
            stats.sacksIgnored++;
            return false;
        }
        long flightBefore = flight;
        long bytesAcked = 0;
        long highestNewlyAcked = -1;
        boolean advanced = cum > cumAck;
        while (!sent.isEmpty() && sent.peek().tsn <= cum) {
            OutChunk c = sent.poll();
            if (!c.acked) {
                bytesAcked += ack(c, nowMs);
                highestNewlyAcked = c.tsn;
            }
        }
        while (!pending.isEmpty() && pending.peek().tsn <= cum) {
            release(pending.poll());
        }
        cumAck = cum;
        int gaps = SackChunk.gapCount(b, off);
        Iterator<OutChunk> it = sent.iterator();
        OutChunk c = it.hasNext() ? it.next() : null;
        for (int i = 0; i < gaps && c != null; i++) {
            long lo = cum + SackChunk.gapStart(b, off, i);
            long hi = cum + SackChunk.gapEnd(b, off, i);
            while (c != null && c.tsn <= hi) {
                if (c.tsn >= lo && !c.acked) {
                    bytesAcked += ack(c, nowMs);
                    highestNewlyAcked = Math.max(highestNewlyAcked, c.tsn);
                }
                c = it.hasNext() ? it.next() : null;
            }
        }
        if (highestNewlyAcked >= 0) {
            markMissing(highestNewlyAcked, advanced, nowMs);
        }
        cc.onAck(bytesAcked, flightBefore, advanced);
        cc.onCumAck(cumAck);
        peerRwnd = Math.max(0, SackChunk.arwnd(b, off) - flight);
        moveAbandonedPending();
        return advanced || bytesAcked > 0;
    }

    private long ack(OutChunk c, long nowMs) {
        c.acked = true;
        mark(c, false);
        if (c.inFlight) {
            c.inFlight = false;
            flight -= c.len;
        }
        if (c.tsn == rttTsn) {
            if (c.sendCount == 1) {
                rto.sample(nowMs - rttSentMs);
            }
            rttTsn = -1;
        }
        release(c);
        return c.len;
    }

    /** §7.2.4: three miss indications below the highest newly acked TSN mark a chunk for fast retransmit. */
    private void markMissing(long highestNewlyAcked, boolean cumAdvanced, long nowMs) {
        if (cc.inFastRecovery() && !cumAdvanced) {
            return;
        }
        boolean marked = false;
        for (OutChunk c : sent) {
            if (c.tsn >= highestNewlyAcked) {
                break;
            }
            if (c.settled() || c.retransmit || c.fastRetransmitted || !c.inFlight) {
                continue;
            }
            if (++c.missingReports >= 3) {
                c.fastRetransmitted = true;
                markForRetransmit(c, nowMs);
                marked = true;
            }
        }
        if (marked) {
            stats.fastRetransmits++;
            cc.onFastRetransmit(nextTsn - 1);
            fastRtxPacket = true;
        }
    }

    /** T3-rtx expired (§6.3.3 E1-E3, §7.2.3): back off, collapse cwnd, retransmit everything outstanding. */
    void onT3Expiry(long nowMs) {
        rto.backOff();
        cc.onT3Expiry();
        rttTsn = -1;
        for (OutChunk c : sent) {
            if (!c.settled()) {
                markForRetransmit(c, nowMs);
            }
        }
        moveAbandonedPending();
    }

    private void markForRetransmit(OutChunk c, long nowMs) {
        if (c.inFlight) {
            c.inFlight = false;
            flight -= c.len;
        }
        if (c.tsn == rttTsn) {
            rttTsn = -1;
        }
        mark(c, true);
        abandonIfExpired(c, nowMs);
    }

    /** RFC 3758 §3.5 A1-A3: a message past its retransmission count or lifetime is abandoned. */
    private boolean abandonIfExpired(OutChunk c, long nowMs) {
        if (c.msg.abandoned) {
            return true;
        }
        boolean tooMany = c.msg.maxRetransmits >= 0 && c.sendCount > c.msg.maxRetransmits;
        if (tooMany || c.msg.expiresAtMs <= nowMs) {
            abandon(c.msg);
            return true;
        }
        return false;
    }

    private void abandon(OutChunk.Message m) {
        if (!m.abandoned) {
            stats.messagesAbandoned++;
        }
        m.abandoned = true;
        for (OutChunk c : sent) {
            if (c.msg == m) {
                settleAbandoned(c);
            }
        }
    }

    /** Moves never-sent fragments of abandoned messages behind the sent ones (they keep their TSNs). */
    private void moveAbandonedPending() {
        while (!pending.isEmpty() && pending.peek().msg.abandoned) {
            OutChunk c = pending.poll();
            settleAbandoned(c);
            sent.add(c);
        }
        advancePeerAckPoint();
    }

    private void settleAbandoned(OutChunk c) {
        mark(c, false);
        if (c.inFlight) {
            c.inFlight = false;
            flight -= c.len;
        }
        release(c);
    }

    /** RFC 3758 §3.5 C1-C2: move the advanced peer ack point over abandoned chunks. */
    private void advancePeerAckPoint() {
        if (advancedPeerAck < cumAck) {
            advancedPeerAck = cumAck;
        }
        for (OutChunk c : sent) {
            if (c.tsn <= advancedPeerAck) {
                continue;
            }
            if (c.tsn != advancedPeerAck + 1 || !c.msg.abandoned) {
                break;
            }
            advancedPeerAck = c.tsn;
        }
    }

    /** True when a FORWARD TSN is due (C3): the ack point is ahead of the peer's cumulative ack. */
    boolean forwardTsnDue() {
        return advancedPeerAck > cumAck;
    }

    long advancedPeerAckPoint() {
        return advancedPeerAck;
    }

    /** Fills the (stream, ssn) pairs of ordered abandoned messages up to the ack point; returns the count. */
    int forwardTsnStreams(int[] streams, int[] ssns) {
        int n = 0;
        for (OutChunk c : sent) {
            if (c.tsn > advancedPeerAck || n == streams.length) {
                break;
            }
            if (c.tsn <= cumAck || !c.msg.ordered) {
                continue;
            }
            int i = 0;
            while (i < n && streams[i] != c.msg.stream) {
                i++;
            }
            streams[i] = c.msg.stream;
            ssns[i] = c.msg.ssn;
            n = Math.max(n, i + 1);
        }
        return n;
    }

    private void release(OutChunk c) {
        if (c.released) {
            return;
        }
        c.released = true;
        buffered -= c.len;
        long[] s = bufferedByStream.get(c.msg.stream);
        s[0] -= c.len;
        if (s[0] == 0) {
            bufferedByStream.remove(c.msg.stream);
        }
        listener.onBufferedAmountDecreased(c.msg.stream, s[0]);
    }

    /** Data sent and not settled, or a FORWARD TSN not yet acknowledged: T3 must run. */
    boolean hasOutstanding() {
        if (forwardTsnDue()) {
            return true;
        }
        for (OutChunk c : sent) {
            if (!c.settled()) {
                return true;
            }
        }
        return false;
    }

    /** Nothing queued and nothing unacknowledged (for SHUTDOWN, §9.2). */
    boolean isEmpty() {
        return pending.isEmpty() && !hasOutstanding();
    }

    /** Something can be written now (retransmissions or new data within the window). */
    boolean hasSendable() {
        return toRetransmit > 0 || !pending.isEmpty();
    }

    private void mark(OutChunk c, boolean retransmit) {
        if (c.retransmit != retransmit) {
            c.retransmit = retransmit;
            toRetransmit += retransmit ? 1 : -1;
        }
    }

    void resetSsn(int stream) {
        nextSsn.remove(stream);
    }

    long cumAck() {
        return cumAck;
    }

    long lastAssignedTsn() {
        return nextTsn - 1;
    }

    long buffered() {
        return buffered;
    }

    long buffered(int stream) {
        long[] s = bufferedByStream.get(stream);
        return s == null ? 0 : s[0];
    }

    long cwnd() {
        return cc.cwnd();
    }

    long flight() {
        return flight;
    }

    void clear() {
        sent.clear();
        pending.clear();
        flight = 0;
        toRetransmit = 0;
    }
}
