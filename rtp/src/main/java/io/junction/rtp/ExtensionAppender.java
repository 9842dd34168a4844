package io.junction.rtp;

/** Growing an RFC 8285 block into headroom; the mechanics behind {@link HeaderExtensions#add}. */
final class ExtensionAppender {
    private ExtensionAppender() {
    }

    static boolean add(PacketBuffer buf, RtpPacket p, int id, byte[] src, int srcOff, int len) {
        if (id < 1 || id > 255) {
            throw new IllegalArgumentException("extension id must be in [1, 255], was " + id);
        }
        if (len < 0 || len > 255) {
            throw new IllegalArgumentException("extension length must be in [0, 255], was " + len);
        }
        if (p.array() != buf.array() || p.offset() != buf.offset() || p.length() != buf.length()
                || !p.isValid()) {
            throw new IllegalArgumentException("packet view does not wrap the buffer's window");
        }
        boolean fitsOneByte = id <= 14 && len >= 1 && len <= 16;
        return p.hasExtension()
                ? grow(buf, p, id, src, srcOff, len, fitsOneByte)
                : create(buf, p, id, src, srcOff, len, fitsOneByte);
    }

    private static boolean create(PacketBuffer buf, RtpPacket p, int id, byte[] src, int srcOff, int len,
            boolean oneByte) {
        int elemLen = (oneByte ? 1 : 2) + len;
        int dataLen = (elemLen + 3) & ~3;
        int growth = 4 + dataLen;
        if (buf.headroom() < growth) {
            return false;
        }
        byte[] b = buf.array();
        int off = p.offset();
        int fixed = RtpHeader.FIXED_HEADER_LENGTH + 4 * p.csrcCount();
        int newOff = off - growth;
        System.arraycopy(b, off, b, newOff, fixed);
        b[newOff] |= 0x10; // X bit
        int e = newOff + fixed;
        Bytes.put16(b, e, oneByte ? HeaderExtensions.ONE_BYTE_PROFILE : HeaderExtensions.TWO_BYTE_PROFILE);
        Bytes.put16(b, e + 2, dataLen / 4);
        int end = write(b, e + 4, id, src, srcOff, len, oneByte);
        HeaderExtensions.zero(b, end, e + 4 + dataLen);
        buf.set(newOff, p.length() + growth);
        return p.wrap(buf);
    }

    private static boolean grow(PacketBuffer buf, RtpPacket p, int id, byte[] src, int srcOff, int len,
            boolean fitsOneByte) {
        int form = HeaderExtensions.form(p);
        if (form == 0 || (form == 1 && !fitsOneByte)) {
            return false;
        }
        boolean oneByte = form == 1;
        byte[] b = buf.array();
        int e = p.extensionOffset();
        int dataStart = e + 4;
        int oldDataLen = p.extensionDataLength();
        int usedEnd = usedEnd(b, dataStart, dataStart + oldDataLen, oneByte);
        if (usedEnd < 0) {
            return false;
        }
        int elemLen = (oneByte ? 1 : 2) + len;
        int newDataLen = Math.max(oldDataLen, (usedEnd - dataStart + elemLen + 3) & ~3);
        int growth = newDataLen - oldDataLen;
        if (buf.headroom() < growth) {
            return false;
        }
        int off = p.offset();
        if (growth > 0) {
            System.arraycopy(b, off, b, off - growth, usedEnd - off);
        }
        int end = write(b, usedEnd - growth, id, src, srcOff, len, oneByte);
        HeaderExtensions.zero(b, end, dataStart + oldDataLen);
        Bytes.put16(b, e - growth + 2, newDataLen / 4);
        buf.set(off - growth, p.length() + growth);
        return p.wrap(buf);
    }

    /** End of the last element in the block (padding excluded), or -1 if malformed. */
    private static int usedEnd(byte[] b, int pos, int end, boolean oneByte) {
        int used = pos;
        while (true) {
            pos = HeaderExtensions.skipPadding(b, pos, end, oneByte);
            if (pos >= end) {
                return used;
            }
            int next;
            if (oneByte) {
                if ((b[pos] & 0xF0) >>> 4 == HeaderExtensions.ONE_BYTE_STOP_ID) {
                    return -1; // cannot append after a stop marker
                }
                next = pos + 2 + (b[pos] & 0x0F);
            } else {
                next = pos + 2 > end ? end + 1 : pos + 2 + (b[pos + 1] & 0xFF);
            }
            if (next > end) {
                return -1;
            }
            used = next;
            pos = next;
        }
    }

    private static int write(byte[] b, int at, int id, byte[] src, int srcOff, int len, boolean oneByte) {
        if (oneByte) {
            b[at++] = (byte) ((id << 4) | (len - 1));
        } else {
            b[at++] = (byte) id;
            b[at++] = (byte) len;
        }
        System.arraycopy(src, srcOff, b, at, len);
        return at + len;
    }
}
