package io.junction.sfu.forward;

import io.junction.rtp.BufferPool;
import io.junction.rtp.PacketBuffer;
import io.junction.rtp.RtpHeader;

/** Test helper: builds RTP packets into pooled buffers. */
final class Packets {
    private Packets() {
    }

    /** A 12-byte header + {@code payload}, optionally with {@code padding} bytes (P bit set). */
    static PacketBuffer rtp(BufferPool pool, int pt, int seq, long ts, long ssrc, byte[] payload, int padding) {
        PacketBuffer b = pool.acquire();
        byte[] a = b.array();
        int o = b.offset();
        int h = RtpHeader.writeFixedHeader(a, o, false, pt, seq, ts, ssrc);
        System.arraycopy(payload, 0, a, o + h, payload.length);
        int len = h + payload.length;
        if (padding > 0) {
            a[o] |= 0x20;
            for (int i = 0; i < padding; i++) {
                a[o + len + i] = 0;
            }
            len += padding;
            a[o + len - 1] = (byte) padding;
        }
        b.setLength(len);
        return b;
    }
}
