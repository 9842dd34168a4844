package io.junction.sctp.assoc;

import io.junction.sctp.chunk.Bytes;
import io.junction.sctp.chunk.ChunkType;
import io.junction.sctp.chunk.Chunks;
import io.junction.sctp.chunk.ErrorCause;
import io.junction.sctp.chunk.PacketWriter;
import io.junction.sctp.chunk.Param;

/**
 * What an association does when its timers fire (RFC 9260 §5.1 T1-init/cookie, §6.3.3 T3-rtx,
 * §6.2 delayed SACK, §9.2 T2-shutdown, §8.3 heartbeat, RFC 6525 §5.1.1 reset retransmission),
 * and the SHUTDOWN sequence steps (§9.2). All deadlines are absolute clock milliseconds.
 */
final class Timers {
    private final Association a;

    Timers(Association a) {
        this.a = a;
    }

    void run(long now) {
        if (now >= a.t1) {
            a.t1 = Long.MAX_VALUE;
            if (++a.initRetries > a.options().maxInitRetransmits()) {
                a.close("handshake timed out after " + a.options().maxInitRetransmits() + " retransmissions");
                return;
            }
            a.rto().backOff();
            if (a.state == State.COOKIE_WAIT) {
                a.output.sendInit();
            } else if (a.state == State.COOKIE_ECHOED) {
                a.output.sendCookieEcho();
            }
            a.t1 = now + a.rto().current();
        }
        if (now >= a.t3) {
            a.t3 = Long.MAX_VALUE;
            a.stats().t3Expiries++;
            if (++a.errorCount > a.options().maxAssociationRetransmits()) {
                a.output.sendAbort(ErrorCause.USER_INITIATED_ABORT, "peer unreachable");
                a.close("peer unreachable: " + a.errorCount + " consecutive retransmission timeouts");
                return;
            }
            a.out().onT3Expiry(now);
            a.fwdResend = true;
        }
        if (now >= a.sackTimer) {
            a.sackTimer = Long.MAX_VALUE;
            a.sackDue = true;
        }
        if (now >= a.t2) {
            a.t2 = Long.MAX_VALUE;
            if (++a.errorCount > a.options().maxAssociationRetransmits()) {
                a.close("shutdown timed out");
                return;
            }
            a.rto().backOff();
            if (a.state == State.SHUTDOWN_SENT) {
                sendShutdown();
            } else if (a.state == State.SHUTDOWN_ACK_SENT) {
                a.output.sendSimple(ChunkType.SHUTDOWN_ACK, 0, a.peerTag);
            }
            a.t2 = now + a.rto().current();
        }
        if (now >= a.hbTimer) {
            heartbeat(now);
        }
        a.resets().onTimeout(now);
    }

    private void heartbeat(long now) {
        a.hbTimer = now + a.options().heartbeatIntervalMs() + a.rto().current();
        if (a.state != State.ESTABLISHED || a.out().hasOutstanding()) {
            return;
        }
        if (a.hbNonce >= 0 && ++a.errorCount > a.options().maxAssociationRetransmits()) {
            a.output.sendAbort(ErrorCause.USER_INITIATED_ABORT, "peer unreachable");
            a.close("peer unreachable: heartbeats unanswered");
            return;
        }
        a.hbNonce = (a.newTag() << 31 ^ a.newTag()) & Long.MAX_VALUE;
        a.output.begin(a.peerTag);
        PacketWriter w = a.output.writer();
        byte[] b = w.array();
        int p = w.position();
        Chunks.writeHeader(b, p, ChunkType.HEARTBEAT, 0, 20);
        Bytes.put16(b, p + 4, Param.HEARTBEAT_INFO);
        Bytes.put16(b, p + 6, 20);
        Bytes.put32(b, p + 8, now >>> 32);
        Bytes.put32(b, p + 12, now);
        Bytes.put32(b, p + 16, a.hbNonce >>> 32);
        Bytes.put32(b, p + 20, a.hbNonce);
        w.commit(24);
        a.output.flush();
        a.stats().heartbeatsOut++;
    }

    void sendShutdown() {
        a.output.begin(a.peerTag);
        PacketWriter w = a.output.writer();
        w.commit(Chunks.writeShutdown(w.array(), w.position(), Tsn.wire(a.in().cumulativeTsn())));
        a.output.flush();
    }

    /** §9.2: SHUTDOWN once our data is all acknowledged; SHUTDOWN ACK likewise after the peer's. */
    void shutdownSteps(long now) {
        if (a.state == State.SHUTDOWN_PENDING && a.out().isEmpty()) {
            sendShutdown();
            a.state = State.SHUTDOWN_SENT;
            a.t2 = now + a.rto().current();
        } else if (a.state == State.SHUTDOWN_RECEIVED && a.out().isEmpty()) {
            a.output.sendSimple(ChunkType.SHUTDOWN_ACK, 0, a.peerTag);
            a.state = State.SHUTDOWN_ACK_SENT;
            a.t2 = now + a.rto().current();
        }
    }
}
