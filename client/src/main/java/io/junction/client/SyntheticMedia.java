package io.junction.client;

import io.junction.rtp.RtpHeader;

import java.util.zip.CRC32;

/**
 * Synthetic RTP media that a receiver can check end to end. Video payloads start with a VP8
 * payload descriptor (RFC 7741 §4.2, S bit set on the first packet of a frame) and a VP8 frame
 * header whose P bit marks keyframes (§4.3), so the server's keyframe detection works on them.
 * Every payload then carries a body: magic, sender tag, sender-side counter, send time (ns) and a
 * CRC-32 over the whole body, so corruption, reordering and latency are visible at the receiver.
 */
public final class SyntheticMedia {
    /** Body layout after the codec prefix: magic(4) tag(4) counter(4) sendNanos(8) crc(4) filler. */
    public static final int BODY_HEADER = 24;
    private static final int MAGIC = 0x4A4E4354; // "JNCT"

    private SyntheticMedia() {
    }

    /**
     * Writes a complete RTP packet at {@code off}; returns its length.
     *
     * @param video       true for a VP8-shaped payload, false for an Opus-sized audio payload
     * @param keyframe    video only: this packet starts a keyframe
     * @param frameStart  video only: first packet of a frame
     * @param payloadSize total payload bytes (≥ prefix + {@link #BODY_HEADER})
     */
    public static int write(byte[] out, int off, int pt, int seq, long ts, long ssrc, boolean marker,
                            boolean video, boolean keyframe, boolean frameStart, int tag, int counter,
                            long sendNanos, int payloadSize) {
        int p = off + RtpHeader.writeFixedHeader(out, off, marker, pt, seq, ts, ssrc);
        int prefix = 0;
        if (video) {
            out[p] = (byte) (frameStart ? 0x10 : 0x00); // X=0 R=0 N=0 S=frameStart PID=0
            // VP8 frame header first byte: bit 0 is P (0 = keyframe), show_frame bit 4 set.
            out[p + 1] = (byte) (keyframe ? 0x10 : 0x11);
            out[p + 2] = 0;
            out[p + 3] = 0;
            prefix = 4;
        }
        int body = p + prefix;
        int bodyLen = Math.max(BODY_HEADER, payloadSize - prefix);
        putInt(out, body, MAGIC);
        putInt(out, body + 4, tag);
        putInt(out, body + 8, counter);
        putLong(out, body + 12, sendNanos);
        for (int i = body + BODY_HEADER; i < body + bodyLen; i++) {
            out[i] = (byte) (counter * 31 + i);
        }
        putInt(out, body + 20, 0);
        CRC32 crc = new CRC32();
        crc.update(out, body, bodyLen);
        putInt(out, body + 20, (int) crc.getValue());
        return p - off + prefix + bodyLen;
    }

    /** The parsed body of a received payload, or {@code null} fields when invalid. */
    public record Body(int tag, int counter, long sendNanos) {
    }

    /**
     * Checks a received payload; returns its body or null when the magic or the CRC is wrong.
     * Non-destructive: the CRC field is restored.
     */
    public static Body check(byte[] b, int payloadOff, int payloadLen, boolean video) {
        int prefix = video ? 4 : 0;
        int body = payloadOff + prefix;
        int bodyLen = payloadLen - prefix;
        if (bodyLen < BODY_HEADER || getInt(b, body) != MAGIC) {
            return null;
        }
        int crcWas = getInt(b, body + 20);
        putInt(b, body + 20, 0);
        CRC32 crc = new CRC32();
        crc.update(b, body, bodyLen);
        putInt(b, body + 20, crcWas);
        if ((int) crc.getValue() != crcWas) {
            return null;
        }
        return new Body(getInt(b, body + 4), getInt(b, body + 8), getLong(b, body + 12));
    }

    static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    static void putLong(byte[] b, int at, long v) {
        putInt(b, at, (int) (v >>> 32));
        putInt(b, at + 4, (int) v);
    }

    static int getInt(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    static long getLong(byte[] b, int at) {
        return ((long) getInt(b, at) << 32) | (getInt(b, at + 4) & 0xFFFF_FFFFL);
    }
}
