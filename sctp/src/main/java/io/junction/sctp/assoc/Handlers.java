package io.junction.sctp.assoc;

import io.junction.sctp.chunk.Bytes;
import io.junction.sctp.chunk.ChunkCursor;
import io.junction.sctp.chunk.ChunkType;
import io.junction.sctp.chunk.Chunks;
import io.junction.sctp.chunk.DataChunk;
import io.junction.sctp.chunk.ErrorCause;
import io.junction.sctp.chunk.ForwardTsnChunk;
import io.junction.sctp.chunk.PacketWriter;
import io.junction.sctp.chunk.Param;
import io.junction.sctp.chunk.SctpHeader;
import io.junction.sctp.chunk.TlvCursor;
import java.util.Arrays;

/**
 * What an association does with each incoming chunk (RFC 9260 §5, §6, §8.5, §9; RFC 3758; RFC
 * 6525) and when each timer fires (§6.3.3 T3, §5.1 T1, §9.2 T2, §6.2 delayed SACK, §8.3 heartbeat).
 */
final class Handlers {
    private final Association a;
    private final TlvCursor tlv = new TlvCursor();
    private final int[] streams = new int[1024];
    private final int[] ssns = new int[1024];

    Handlers(Association a) {
        this.a = a;
    }

    void packet(byte[] b, int off, int len) {
        AssociationStats st = a.stats();
        st.packetsIn++;
        SctpHeader.Invalid inv = SctpHeader.check(b, off, len, a.crc());
        if (inv != SctpHeader.Invalid.NONE) {
            if (inv == SctpHeader.Invalid.BAD_CHECKSUM) {
                st.droppedChecksum++;
            } else {
                st.droppedMalformed++;
            }
            return;
        }
        if (SctpHeader.sourcePort(b, off) != a.options().remotePort()
                || SctpHeader.destinationPort(b, off) != a.options().localPort()) {
            st.droppedPorts++;
            return;
        }
        ChunkCursor c = a.chunks();
        if (!c.resetPacket(b, off, len)) {
            st.droppedMalformed++;
            return;
        }
        while (c.next()) {
            if (!Chunks.check(c.type(), b, c.offset(), c.length())) {
                st.droppedChunks++;
                return;
            }
        }
        c.resetPacket(b, off, len);
        long vtag = SctpHeader.verificationTag(b, off);
        boolean gotData = false;
        boolean sackNow = false;
        while (c.next()) {
            int type = c.type();
            int at = c.offset();
            int clen = c.length();
            if (!tagOk(type, c.flags(), vtag)) {
                st.droppedTag++;
                return;
            }
            switch (type) {
                case ChunkType.DATA -> {
                    if (!dataState() && a.state != State.SHUTDOWN_SENT) {
                        st.droppedState++;
                        continue;
                    }
                    if (DataChunk.streamId(b, at) >= a.inStreams()) {
                        st.droppedChunks++;
                        continue;
                    }
                    Inbound.Result r = a.in().onData(b, at, clen);
                    if (r == Inbound.Result.TOO_LARGE) {
                        String why = "receive limit exceeded: a message over " + a.options().maxMessageSize()
                                + " bytes or more than " + a.options().receiveBufferLimit() + " bytes held";
                        a.output.sendAbort(ErrorCause.PROTOCOL_VIOLATION, why);
                        a.close("aborted: " + why);
                        return;
                    }
                    gotData = true;
                    sackNow |= r == Inbound.Result.DUPLICATE || a.in().hasGaps()
                            || (b[at + 1] & DataChunk.FLAG_IMMEDIATE) != 0;
                    deliveries();
                }
                case ChunkType.SACK -> onSack(b, at);
                case ChunkType.INIT -> onInit(b, at, clen);
                case ChunkType.INIT_ACK -> onInitAck(b, at, clen);
                case ChunkType.COOKIE_ECHO -> {
                    if (!onCookieEcho(b, at, clen, vtag)) {
                        return;
                    }
                }
                case ChunkType.COOKIE_ACK -> {
                    if (a.state == State.COOKIE_ECHOED) {
                        a.establish();
                    }
                }
                case ChunkType.HEARTBEAT -> onHeartbeat(b, at, clen);
                case ChunkType.HEARTBEAT_ACK -> onHeartbeatAck(b, at, clen);
                case ChunkType.ABORT -> {
                    a.close("aborted by peer: " + ErrorCause.describe(b, at + 4, clen - 4));
                    return;
                }
                case ChunkType.SHUTDOWN -> onShutdown(b, at);
                case ChunkType.SHUTDOWN_ACK -> {
                    if (a.state == State.SHUTDOWN_SENT || a.state == State.SHUTDOWN_ACK_SENT) {
                        a.output.sendSimple(ChunkType.SHUTDOWN_COMPLETE, 0, a.peerTag);
                        a.close("shutdown complete");
                        return;
                    }
                }
                case ChunkType.SHUTDOWN_COMPLETE -> {
                    if (a.state == State.SHUTDOWN_ACK_SENT) {
                        a.close("shutdown complete");
                        return;
                    }
                }
                case ChunkType.ERROR -> onError(b, at, clen);
                case ChunkType.FORWARD_TSN -> {
                    if (dataState() || a.state == State.SHUTDOWN_SENT) {
                        int n = Math.min(ForwardTsnChunk.streamCount(clen), streams.length);
                        for (int i = 0; i < n; i++) {
                            streams[i] = ForwardTsnChunk.stream(b, at, i);
                            ssns[i] = ForwardTsnChunk.ssn(b, at, i);
                        }
                        if (!a.in().onForwardTsn(ForwardTsnChunk.newCumulativeTsn(b, at), streams, ssns, n)) {
                            String why = "FORWARD TSN beyond the receive window";
                            a.output.sendAbort(ErrorCause.PROTOCOL_VIOLATION, why);
                            a.close("aborted: " + why);
                            return;
                        }
                        st.forwardTsnsIn++;
                        gotData = true;
                        sackNow = true;
                        deliveries();
                    }
                }
                case ChunkType.RE_CONFIG -> {
                    if (a.state != State.COOKIE_WAIT && a.state != State.COOKIE_ECHOED) {
                        a.resets().onChunk(b, at, clen, a.in(), a.out(), this::incomingReset, this::outgoingReset,
                                a::addInboundStreams);
                    }
                }
                default -> {
                    st.unknownChunks++;
                    if (ChunkType.reportUnknown(type)) {
                        reportUnknown(b, at, clen);
                    }
                    if (!ChunkType.skipUnknown(type)) {
                        return;
                    }
                }
            }
        }
        if (gotData) {
            a.resets().retryPending(a.in(), this::incomingReset);
            a.packetsSinceSack++;
            if (sackNow || a.packetsSinceSack >= 2 || a.options().delayedAckMs() == 0
                    || a.state == State.SHUTDOWN_SENT) {
                a.sackDue = true;
            } else if (a.sackTimer == Long.MAX_VALUE) {
                a.sackTimer = a.now() + a.options().delayedAckMs();
            }
        }
    }

    private boolean dataState() {
        return a.state == State.ESTABLISHED || a.state == State.SHUTDOWN_PENDING
                || a.state == State.SHUTDOWN_RECEIVED;
    }

    /** Verification tag rules (RFC 9260 §8.5, §8.5.1). */
    private boolean tagOk(int type, int flags, long vtag) {
        return switch (type) {
            case ChunkType.INIT -> vtag == 0;
            case ChunkType.COOKIE_ECHO -> true;
            case ChunkType.ABORT, ChunkType.SHUTDOWN_COMPLETE -> (flags & ChunkType.FLAG_T) != 0
                    ? a.peerTag != 0 && vtag == a.peerTag
                    : a.myTag != 0 && vtag == a.myTag;
            default -> a.state != State.CLOSED && vtag == a.myTag;
        };
    }

    private void deliveries() {
        Inbound.Delivery d;
        while ((d = a.in().deliveries.poll()) != null) {
            Inbound.Delivery m = d;
            a.stats().messagesDelivered++;
            a.event(() -> a.listener.onMessage(m.stream(), m.ppid(), m.data()));
        }
    }

    private void incomingReset(int[] ids) {
        a.event(() -> a.listener.onIncomingStreamsReset(ids));
    }

    private void outgoingReset(int[] ids) {
        a.event(() -> a.listener.onOutgoingStreamsReset(ids));
    }

    private void onSack(byte[] b, int at) {
        if (!dataState() && a.state != State.SHUTDOWN_SENT && a.state != State.SHUTDOWN_ACK_SENT) {
            a.stats().droppedState++;
            return;
        }
        long before = a.out().cumAck();
        long now = a.now();
        if (a.out().onSack(b, at, now)) {
            a.errorCount = 0;
        }
        if (a.out().cumAck() != before) {
            a.t3 = a.out().hasOutstanding() ? now + a.rto().current() : Long.MAX_VALUE;
        }
        if (a.out().forwardTsnDue()) {
            a.fwdResend = true;
        }
    }

    /** INIT (§5.1 B, §5.2.1): answer with INIT ACK and a signed cookie; keep no state when closed. */
    private void onInit(byte[] b, int at, int len) {
        Handshake.Offer o = Handshake.read(b, at, len);
        if (!Handshake.acceptable(o)) {
            a.stats().droppedChunks++;
            return;
        }
        boolean fresh = a.state == State.CLOSED;
        if (fresh && a.started) {
            a.stats().droppedState++;
            return;
        }
        long tag = fresh ? a.newTag() : a.myTag;
        long tsn = fresh ? a.newTag() : a.myInitialTsn;
        long now = a.now();
        CookieJar.Contents cookie = new CookieJar.Contents(now, tag, o.tag(), tsn, o.initialTsn(), o.arwnd(),
                o.os(), o.mis(), o.flags());
        a.output.begin(o.tag());
        PacketWriter w = a.output.writer();
        w.commit(Handshake.write(w.array(), w.position(), ChunkType.INIT_ACK, tag, a.in().arwnd(),
                a.options().streams(), tsn, a.cookies(), cookie));
        a.output.flush();
    }

    /** INIT ACK in COOKIE-WAIT (§5.1 C): echo the cookie. */
    private void onInitAck(byte[] b, int at, int len) {
        if (a.state != State.COOKIE_WAIT) {
            a.stats().droppedState++;
            return;
        }
        Handshake.Offer o = Handshake.read(b, at, len);
        if (!Handshake.acceptable(o) || o.cookieOff() < 0 || o.cookieLen() == 0) {
            a.stats().droppedChunks++;
            return;
        }
        a.peerTag = o.tag();
        a.setUp(o.initialTsn(), o.arwnd(), o.os(), o.mis(), o.flags());
        a.cookieEcho = Arrays.copyOfRange(b, o.cookieOff(), o.cookieOff() + o.cookieLen());
        a.state = State.COOKIE_ECHOED;
        a.initRetries = 0;
        a.output.sendCookieEcho();
        a.t1 = a.now() + a.rto().current();
    }

    /** COOKIE ECHO (§5.1 D, §5.1.5, §5.2.4): verify, then create or confirm the association. */
    private boolean onCookieEcho(byte[] b, int at, int len, long vtag) {
        int cOff = at + ChunkCursor.HEADER;
        int cLen = len - ChunkCursor.HEADER;
        long now = a.now();
        CookieJar.Verdict v = a.cookies().verify(b, cOff, cLen, now);
        if (v == CookieJar.Verdict.FORGED || v == CookieJar.Verdict.MALFORMED) {
            a.stats().forgedCookies++;
            return false;
        }
        CookieJar.Contents k = CookieJar.read(b, cOff);
        if (vtag != k.localTag()) {
            a.stats().droppedTag++;
            return false;
        }
        if (v == CookieJar.Verdict.STALE) {
            a.stats().staleCookies++;
            a.output.begin(k.peerTag());
            PacketWriter w = a.output.writer();
            int cl = ErrorCause.writeStaleCookie(w.array(), w.position() + ChunkCursor.HEADER,
                    a.cookies().staleness(b, cOff, now) * 1000);
            Chunks.writeHeader(w.array(), w.position(), ChunkType.ERROR, 0, cl);
            w.commit(ChunkCursor.HEADER + cl);
            a.output.flush();
            return false;
        }
        switch (a.state) {
            case CLOSED -> {
                if (a.started) {
                    a.stats().droppedState++;
                    return false;
                }
                adopt(k);
            }
            case COOKIE_WAIT -> {
                // Our tag, or the tag of an INIT ACK we sent while still CLOSED, just before our own
                // INIT crossed the peer's (§5.2.1): the cookie is authentic and fresh either way.
                adopt(k);
            }
            case COOKIE_ECHOED -> {
                if (k.localTag() != a.myTag) {
                    // §5.2.4 C: a cookie from an INIT ACK we sent before our own INIT (its tag is not
                    // ours any more) arrived late; the peer gets our COOKIE ECHO instead
                    a.stats().droppedTag++;
                    return false;
                }
                // §5.2.4 B (INITs crossed): our tag, and the peer's tag and parameters from the INIT
                // the cookie answered, which replace those of the INIT ACK we are echoing (that one
                // may have come from the peer's stateless answer to an INIT it has since superseded)
                adopt(k);
            }
            default -> {
                if (k.localTag() != a.myTag || k.peerTag() != a.peerTag) {
                    a.stats().droppedTag++; // a peer restart (§5.2.4 A) is not supported
                    return false;
                }
            }
        }
        a.output.sendSimple(ChunkType.COOKIE_ACK, 0, a.peerTag);
        return true;
    }

    private void adopt(CookieJar.Contents k) {
        a.myTag = k.localTag();
        a.peerTag = k.peerTag();
        a.myInitialTsn = k.localTsn();
        a.setUp(k.peerTsn(), k.peerArwnd(), k.peerOs(), k.peerMis(), k.flags());
        a.establish();
    }

    private void onHeartbeat(byte[] b, int at, int len) {
        if (a.state == State.CLOSED || len > a.options().mtu() - SctpHeader.LENGTH) {
            return;
        }
        a.output.begin(a.peerTag);
        PacketWriter w = a.output.writer();
        System.arraycopy(b, at, w.array(), w.position(), len);
        w.array()[w.position()] = (byte) ChunkType.HEARTBEAT_ACK;
        w.commit(len);
        a.output.flush();
    }

    private void onHeartbeatAck(byte[] b, int at, int len) {
        if (!tlv.reset(b, at + 4, len - 4) || !tlv.next() || tlv.type() != Param.HEARTBEAT_INFO
                || tlv.valueLength() != 16) {
            return;
        }
        long sent = Bytes.u32(b, tlv.valueOffset()) << 32 | Bytes.u32(b, tlv.valueOffset() + 4);
        long nonce = Bytes.u32(b, tlv.valueOffset() + 8) << 32 | Bytes.u32(b, tlv.valueOffset() + 12);
        if (nonce == a.hbNonce) {
            a.rto().sample(a.now() - sent);
            a.errorCount = 0;
            a.hbNonce = -1;
        }
    }

    private void onShutdown(byte[] b, int at) {
        switch (a.state) {
            case ESTABLISHED, SHUTDOWN_PENDING, SHUTDOWN_RECEIVED -> {
                a.output.scratchSack(Chunks.shutdownCumTsn(b, at));
                a.out().onSack(a.output.scratch(), 0, a.now());
                a.state = State.SHUTDOWN_RECEIVED;
            }
            case SHUTDOWN_SENT -> {
                a.output.sendSimple(ChunkType.SHUTDOWN_ACK, 0, a.peerTag);
                a.state = State.SHUTDOWN_ACK_SENT;
                a.t2 = a.now() + a.rto().current();
            }
            default -> a.stats().droppedState++;
        }
    }

    private void onError(byte[] b, int at, int len) {
        if (!tlv.reset(b, at + 4, len - 4)) {
            return;
        }
        while (tlv.next()) {
            if (tlv.type() == ErrorCause.STALE_COOKIE && a.state == State.COOKIE_ECHOED) {
                // §5.2.6: our cookie arrived too late; start over with a new INIT
                a.state = State.COOKIE_WAIT;
                a.cookieEcho = null;
                a.peerTag = 0;
                a.output.sendInit();
                a.t1 = a.now() + a.rto().current();
            }
        }
    }

    private void reportUnknown(byte[] b, int at, int len) {
        if (a.peerTag == 0 || len + 12 > a.options().mtu() - SctpHeader.LENGTH) {
            return;
        }
        a.output.begin(a.peerTag);
        PacketWriter w = a.output.writer();
        int cl = Param.write(w.array(), w.position() + 4, ErrorCause.UNRECOGNIZED_CHUNK, b, at, len);
        Chunks.writeHeader(w.array(), w.position(), ChunkType.ERROR, 0, cl);
        w.commit(4 + cl);
        a.output.flush();
    }
}
