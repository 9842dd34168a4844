package io.junction.rtp;

/**
 * Iterates the elements of an RFC 8285 header-extension block without allocating.
 * Reusable: call {@link #reset(RtpPacket)} per packet, then {@link #next()} until false.
 *
 * <pre>{@code
 * if (cursor.reset(packet)) {
 *     while (cursor.next()) { use(cursor.id(), cursor.valueOffset(), cursor.valueLength()); }
 *     if (cursor.malformed()) { ... }
 * }
 * }</pre>
 */
public final class ExtensionCursor {
    private byte[] b;
    private boolean oneByte;
    private int pos;
    private int end;
    private int elementOffset;
    private int id;
    private int valueOffset;
    private int valueLength;
    private boolean malformed;

    /**
     * Starts iterating the extension block of a valid packet. Returns false if the packet
     * has no extension or it is not in RFC 8285 one-byte or two-byte form.
     */
    public boolean reset(RtpPacket p) {
        b = p.array();
        malformed = false;
        id = 0;
        int e = p.extensionOffset();
        if (e < 0) {
            pos = end = 0;
            return false;
        }
        int profile = Bytes.u16(b, e);
        if (HeaderExtensions.isOneByteProfile(profile)) {
            oneByte = true;
        } else if (HeaderExtensions.isTwoByteProfile(profile)) {
            oneByte = false;
        } else {
            pos = end = 0;
            return false;
        }
        pos = e + 4;
        end = pos + p.extensionDataLength();
        return true;
    }

    /**
     * Moves to the next element, skipping padding. Returns false at the end of the block,
     * at a one-byte ID 15 (RFC 8285 §4.2: stop processing), or on a malformed element
     * (then {@link #malformed()} is true).
     */
    public boolean next() {
        int h = HeaderExtensions.skipPadding(b, pos, end, oneByte);
        if (h >= end) {
            pos = end;
            return false;
        }
        if (oneByte) {
            id = (b[h] & 0xF0) >>> 4;
            if (id == HeaderExtensions.ONE_BYTE_STOP_ID) {
                pos = end;
                return false;
            }
            valueLength = (b[h] & 0x0F) + 1;
            valueOffset = h + 1;
        } else {
            if (h + 2 > end) {
                return fail();
            }
            id = b[h] & 0xFF;
            valueLength = b[h + 1] & 0xFF;
            valueOffset = h + 2;
        }
        if (valueOffset + valueLength > end) {
            return fail();
        }
        elementOffset = h;
        pos = valueOffset + valueLength;
        return true;
    }

    private boolean fail() {
        malformed = true;
        pos = end;
        return false;
    }

    /** Whether iteration stopped on an element running past the block. */
    public boolean malformed() {
        return malformed;
    }

    /** Whether the block uses the one-byte form. */
    public boolean oneByte() {
        return oneByte;
    }

    /** Local identifier of the current element. */
    public int id() {
        return id;
    }

    /** Absolute offset of the current element's header byte(s). */
    public int elementOffset() {
        return elementOffset;
    }

    /** Absolute offset of the current element's value. */
    public int valueOffset() {
        return valueOffset;
    }

    /** Length of the current element's value. */
    public int valueLength() {
        return valueLength;
    }

    /** Rewrites the current element's id in place (see {@link HeaderExtensions#setIdAt}). */
    public void setId(int newId) {
        HeaderExtensions.setIdAt(b, elementOffset, oneByte, newId);
        id = newId;
    }
}
