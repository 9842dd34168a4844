package io.junction.sctp.assoc;

import io.junction.sctp.chunk.Bytes;
import io.junction.sctp.chunk.ChunkCursor;
import io.junction.sctp.chunk.ChunkType;
import io.junction.sctp.chunk.Chunks;
import io.junction.sctp.chunk.ErrorCause;
import io.junction.sctp.chunk.ForwardTsnChunk;
import io.junction.sctp.chunk.PacketWriter;
import io.junction.sctp.chunk.Param;
import io.junction.sctp.chunk.SackChunk;

/**
 * Builds an association's outgoing packets in one reused MTU-sized array and hands them to the
 * sink: control chunks sent on their own (INIT, COOKIE ECHO, ABORT, ...) and {@link #transmit},
 * which bundles SACK, FORWARD TSN, RE-CONFIG and DATA (RFC 9260 §6.10) as the windows allow.
 */
final class Output {
    private static final long OFF = Long.MAX_VALUE;

    private final Association a;
    private final AssociationOptions opt;
    private final PacketSink sink;
    private final PacketWriter w = new PacketWriter();
    private final byte[] buf;
    private final byte[] scratch = new byte[64];
    private final int[] fwdStreams;
    private final int[] fwdSsns;

    Output(Association a, AssociationOptions opt, PacketSink sink) {
        this.a = a;
        this.opt = opt;
        this.sink = sink;
        this.buf = new byte[opt.mtu()];
        // as many (stream, SSN) pairs as one FORWARD TSN in an otherwise empty packet can carry
        int pairs = (opt.mtu() - 12 - ForwardTsnChunk.HEADER) / 4;
        this.fwdStreams = new int[pairs];
        this.fwdSsns = new int[pairs];
    }


    void begin(long vtag) {
        w.begin(buf, 0, opt.mtu(), opt.localPort(), opt.remotePort(), vtag);
    }

    PacketWriter writer() {
        return w;
    }

    void flush() {
        if (w.chunkCount() > 0) {
            int len = w.finish();
            a.stats.packetsOut++;
            sink.send(buf, 0, len);
        }
    }

    void sendInit() {
        begin(0);
        w.commit(Handshake.write(buf, w.position(), ChunkType.INIT, a.myTag, a.in.arwnd(), opt.streams(),
                a.myInitialTsn, null, null));
        flush();
    }

    void sendCookieEcho() {
        begin(a.peerTag);
        Chunks.writeHeader(buf, w.position(), ChunkType.COOKIE_ECHO, 0, a.cookieEcho.length);
        System.arraycopy(a.cookieEcho, 0, buf, w.position() + ChunkCursor.HEADER, a.cookieEcho.length);
        w.commit(ChunkCursor.HEADER + a.cookieEcho.length);
        flush();
    }

    /** ABORT with one text cause (§3.3.7); nothing is sent before the peer's tag is known. */
    void sendAbort(int cause, String text) {
        if (a.peerTag == 0 || a.state == State.CLOSED) {
            return;
        }
        begin(a.peerTag);
        int len = ErrorCause.writeText(buf, w.position() + ChunkCursor.HEADER, cause, text, 200);
        Chunks.writeHeader(buf, w.position(), ChunkType.ABORT, 0, Bytes.pad4(len));
        Param.pad(buf, w.position() + ChunkCursor.HEADER, len);
        w.commit(ChunkCursor.HEADER + Bytes.pad4(len));
        flush();
    }

    void sendSimple(int type, int flags, long vtag) {
        begin(vtag);
        w.commit(Chunks.writeEmpty(buf, w.position(), type, flags));
        flush();
    }

    /** Everything that can go out now: SACK, FORWARD TSN, RE-CONFIG, DATA; then the shutdown steps. */
    void transmit() {
        long now = a.now();
        boolean dataState = a.state == State.ESTABLISHED || a.state == State.SHUTDOWN_PENDING
                || a.state == State.SHUTDOWN_RECEIVED;
        if (a.state == State.ESTABLISHED && a.peerReconfig) {
            a.resets.startNext(a.out);
        }
        while (a.state != State.CLOSED && a.state != State.COOKIE_WAIT && a.state != State.COOKIE_ECHOED) {
            begin(a.peerTag);
            if (a.sackDue || (a.sackTimer != OFF && dataState && a.out.hasSendable())) {
                a.in.writeSack(w);
                a.sackDue = false;
                a.sackTimer = OFF;
                a.packetsSinceSack = 0;
            }
            int n = a.out.forwardTsnDue() && (a.fwdResend || a.out.advancedPeerAckPoint() != a.lastFwdSent)
                    ? a.out.forwardTsnStreams(fwdStreams, fwdSsns) : -1;
            if (n >= 0 && w.remaining() >= ForwardTsnChunk.HEADER + 4 * n) {
                w.commit(ForwardTsnChunk.write(buf, w.position(), Tsn.wire(a.out.advancedPeerAckPoint()),
                        fwdStreams, fwdSsns, n));
                a.lastFwdSent = a.out.advancedPeerAckPoint();
                a.fwdResend = false;
                a.stats.forwardTsnsOut++;
            }
            if (a.state == State.ESTABLISHED && a.resets.hasWork()) {
                a.resets.write(w, now, a.rto.current());
            }
            if (dataState) {
                a.out.writeData(w, now);
            }
            if (w.chunkCount() == 0) {
                break;
            }
            flush();
        }
        if (a.out.hasOutstanding()) {
            if (a.t3 == OFF) {
                a.t3 = now + a.rto.current();
            }
        } else {
            a.t3 = OFF;
        }
        a.shutdownSteps(now);
    }

    byte[] scratch() {
        return scratch;
    }

    /** Builds a SACK with only a cumulative ack in {@link #scratch} (for SHUTDOWN, §9.2). */
    int scratchSack(long wireCum) {
        return SackChunk.write(scratch, 0, wireCum, Integer.MAX_VALUE, null, 0, null, 0);
    }
}
