package io.junction.srtp;

import org.jitsi.utils.ByteArrayBuffer;

/**
 * A reusable {@link ByteArrayBuffer} pointed at the caller's bytes for one transform call.
 * It never allocates: {@link #grow(int)} only checks that the tailroom is already there.
 */
final class MutablePacketView implements ByteArrayBuffer {
    private byte[] buffer;
    private int offset;
    private int length;

    MutablePacketView wrap(byte[] buf, int off, int len) {
        this.buffer = buf;
        this.offset = off;
        this.length = len;
        return this;
    }

    /** Drops the reference to the caller's array. */
    void release() {
        buffer = null;
    }

    @Override
    public byte[] getBuffer() {
        return buffer;
    }

    @Override
    public int getOffset() {
        return offset;
    }

    @Override
    public int getLength() {
        return length;
    }

    @Override
    public void setLength(int len) {
        if (len < 0 || offset + len > buffer.length) {
            throw new IllegalStateException("length " + len + " exceeds buffer capacity");
        }
        this.length = len;
    }

    @Override
    public void setOffset(int off) {
        if (off < 0 || off + length > buffer.length) {
            throw new IllegalStateException("offset " + off + " out of bounds");
        }
        this.offset = off;
    }

    @Override
    public boolean isInvalid() {
        return buffer == null;
    }

    @Override
    public void readRegionToBuff(int off, int len, byte[] out) {
        System.arraycopy(buffer, offset + off, out, 0, len);
    }

    @Override
    public void grow(int howMuch) {
        if (offset + length + howMuch > buffer.length) {
            throw new IllegalStateException("missing tailroom: need " + howMuch + " bytes");
        }
    }

    @Override
    public void append(byte[] data, int len) {
        grow(len);
        System.arraycopy(data, 0, buffer, offset + length, len);
        length += len;
    }

    @Override
    public void shrink(int len) {
        length = Math.max(0, length - len);
    }
}
