package io.junction.sctp.assoc;

import io.junction.sctp.chunk.ChunkType;
import io.junction.sctp.chunk.InitChunk;
import io.junction.sctp.chunk.Param;
import io.junction.sctp.chunk.TlvCursor;

/**
 * INIT / INIT ACK contents (RFC 9260 §5.1): what we offer and what the peer offered. We announce
 * RE-CONFIG and FORWARD-TSN in Supported Extensions (RFC 5061 §4.2.7) and the
 * Forward-TSN-Supported parameter (RFC 3758 §3.1), as WebRTC stacks expect (RFC 8831 §6.2).
 */
final class Handshake {
    private static final byte[] EXTENSIONS = {(byte) ChunkType.RE_CONFIG, (byte) ChunkType.FORWARD_TSN};
    private static final byte[] NONE = new byte[0];

    /** What a peer's INIT or INIT ACK said. */
    record Offer(long tag, long arwnd, int os, int mis, long initialTsn, boolean forwardTsn, boolean reconfig,
                 int cookieOff, int cookieLen) {
        int flags() {
            return (forwardTsn ? CookieJar.FLAG_FORWARD_TSN : 0) | (reconfig ? CookieJar.FLAG_RECONFIG : 0);
        }
    }

    private Handshake() {
    }

    /** Reads an INIT or INIT ACK chunk (already checked by {@code Chunks.check}). */
    static Offer read(byte[] b, int off, int len) {
        boolean fwd = false;
        boolean reconfig = false;
        int cookieOff = -1;
        int cookieLen = 0;
        TlvCursor p = new TlvCursor();
        p.reset(b, InitChunk.paramsOffset(off), InitChunk.paramsLength(len));
        while (p.next()) {
            switch (p.type()) {
                case Param.FORWARD_TSN_SUPPORTED -> fwd = true;
                case Param.SUPPORTED_EXTENSIONS -> {
                    fwd |= Param.listsExtension(b, p.valueOffset(), p.valueLength(), ChunkType.FORWARD_TSN);
                    reconfig |= Param.listsExtension(b, p.valueOffset(), p.valueLength(), ChunkType.RE_CONFIG);
                }
                case Param.STATE_COOKIE -> {
                    cookieOff = p.valueOffset();
                    cookieLen = p.valueLength();
                }
                default -> {
                    // §3.2.1: other parameters (addresses, host name, cookie preservative) do not apply
                }
            }
        }
        return new Offer(InitChunk.initiateTag(b, off), InitChunk.arwnd(b, off), InitChunk.outboundStreams(b, off),
                InitChunk.inboundStreams(b, off), InitChunk.initialTsn(b, off), fwd, reconfig, cookieOff, cookieLen);
    }

    /** §3.3.2: a zero tag or zero stream counts make the INIT invalid. */
    static boolean acceptable(Offer o) {
        return o.tag() != 0 && o.os() != 0 && o.mis() != 0;
    }

    /** Writes INIT or INIT ACK at {@code at}, with an optional cookie; returns the chunk length. */
    static int write(byte[] b, int at, int type, long tag, long arwnd, int streams, long tsn, CookieJar jar,
                     CookieJar.Contents cookie) {
        int pos = at + InitChunk.writeFixed(b, at, type, tag, arwnd, streams, streams, tsn);
        pos += Param.pad(b, pos, Param.write(b, pos, Param.SUPPORTED_EXTENSIONS, EXTENSIONS, 0, EXTENSIONS.length));
        pos += Param.write(b, pos, Param.FORWARD_TSN_SUPPORTED, NONE, 0, 0);
        if (cookie != null) {
            b[pos] = 0;
            b[pos + 1] = Param.STATE_COOKIE;
            io.junction.sctp.chunk.Bytes.put16(b, pos + 2, TlvCursor.HEADER + CookieJar.LENGTH);
            pos += TlvCursor.HEADER + jar.write(b, pos + TlvCursor.HEADER, cookie);
        }
        InitChunk.setLength(b, at, pos - at);
        return pos - at;
    }
}
