package io.junction.rtp;

/**
 * RFC 8285 header extensions over an {@link RtpPacket} view: one-byte form (profile
 * 0xBEDE, §4.2: 4-bit ID 1..14, 4-bit length-1, values of 1..16 bytes) and two-byte form
 * (profile 0x100x, §4.3: 8-bit ID 1..255, 8-bit length, values of 0..255 bytes).
 *
 * <p>All methods allocate nothing. Lookups return absolute offsets into the packet's array,
 * -1 when absent. Removal zeroes the element in place: zero bytes are padding in both forms
 * (§4.2, §4.3), so the packet keeps its length and no bytes move. {@link #add} grows the
 * block into the buffer's headroom: the header moves back, the payload stays put.
 * For iteration see {@link ExtensionCursor}.
 */
public final class HeaderExtensions {
    /** Profile value of the one-byte form. */
    public static final int ONE_BYTE_PROFILE = 0xBEDE;
    /** Profile value of the two-byte form (low 4 bits are "appbits"). */
    public static final int TWO_BYTE_PROFILE = 0x1000;
    /** One-byte ID 15: stop processing the block (RFC 8285 §4.2). */
    static final int ONE_BYTE_STOP_ID = 15;

    /** Receives each element during {@link #forEach}. */
    @FunctionalInterface
    public interface Visitor {
        void element(int id, byte[] array, int valueOffset, int valueLength);
    }

    private HeaderExtensions() {
    }

    public static boolean isOneByteProfile(int profile) {
        return profile == ONE_BYTE_PROFILE;
    }

    public static boolean isTwoByteProfile(int profile) {
        return (profile & 0xFFF0) == TWO_BYTE_PROFILE;
    }

    /** 1 for one-byte form, 2 for two-byte form, 0 for no or another extension. */
    public static int form(RtpPacket p) {
        int e = p.extensionOffset();
        if (e < 0) {
            return 0;
        }
        int profile = Bytes.u16(p.array(), e);
        return isOneByteProfile(profile) ? 1 : isTwoByteProfile(profile) ? 2 : 0;
    }

    static int skipPadding(byte[] b, int pos, int end, boolean oneByte) {
        // §4.2: in the one-byte form an ID of 0 marks a padding byte; §4.3: a 0 byte.
        int mask = oneByte ? 0xF0 : 0xFF;
        while (pos < end && (b[pos] & mask) == 0) {
            pos++;
        }
        return pos;
    }

    /**
     * Absolute offset of the value of the element with {@code id}, or -1 if absent,
     * the block is malformed, or there is no RFC 8285 block.
     */
    public static int find(RtpPacket p, int id) {
        int e = p.extensionOffset();
        if (e < 0 || id <= 0) {
            return -1;
        }
        byte[] b = p.array();
        int profile = Bytes.u16(b, e);
        int pos = e + 4;
        int end = pos + p.extensionDataLength();
        if (isOneByteProfile(profile)) {
            while (true) {
                pos = skipPadding(b, pos, end, true);
                if (pos >= end) {
                    return -1;
                }
                int eid = (b[pos] & 0xF0) >>> 4;
                int next = pos + 2 + (b[pos] & 0x0F);
                if (eid == ONE_BYTE_STOP_ID || next > end) {
                    return -1;
                }
                if (eid == id) {
                    return pos + 1;
                }
                pos = next;
            }
        }
        if (isTwoByteProfile(profile)) {
            while (true) {
                pos = skipPadding(b, pos, end, false);
                if (pos + 2 > end) {
                    return -1;
                }
                int next = pos + 2 + (b[pos + 1] & 0xFF);
                if (next > end) {
                    return -1;
                }
                if ((b[pos] & 0xFF) == id) {
                    return pos + 2;
                }
                pos = next;
            }
        }
        return -1;
    }

    /** Length of the value at {@code valueOffset} (as returned by {@link #find}). */
    public static int valueLength(RtpPacket p, int valueOffset) {
        byte[] b = p.array();
        return form(p) == 1 ? (b[valueOffset - 1] & 0x0F) + 1 : b[valueOffset - 1] & 0xFF;
    }

    /**
     * Overwrites the value of element {@code id} in place. Returns false if the element is
     * absent or its length differs from {@code len}.
     */
    public static boolean setValue(RtpPacket p, int id, byte[] src, int srcOff, int len) {
        int v = find(p, id);
        if (v < 0 || valueLength(p, v) != len) {
            return false;
        }
        System.arraycopy(src, srcOff, p.array(), v, len);
        return true;
    }

    /**
     * Changes the id of element {@code oldId} to {@code newId} in place. Returns false if
     * the element is absent.
     *
     * @throws IllegalArgumentException if {@code newId} is outside the form's range
     */
    public static boolean setId(RtpPacket p, int oldId, int newId) {
        int v = find(p, oldId);
        if (v < 0) {
            return false;
        }
        boolean one = form(p) == 1;
        setIdAt(p.array(), one ? v - 1 : v - 2, one, newId);
        return true;
    }

    /**
     * Writes a new id into the element header at {@code elementOffset}.
     *
     * @throws IllegalArgumentException if {@code newId} is not 1..14 (one-byte) or 1..255
     */
    public static void setIdAt(byte[] b, int elementOffset, boolean oneByte, int newId) {
        if (oneByte) {
            if (newId < 1 || newId > 14) {
                throw new IllegalArgumentException("one-byte extension id must be in [1, 14], was " + newId);
            }
            b[elementOffset] = (byte) ((newId << 4) | (b[elementOffset] & 0x0F));
        } else {
            if (newId < 1 || newId > 255) {
                throw new IllegalArgumentException("two-byte extension id must be in [1, 255], was " + newId);
            }
            b[elementOffset] = (byte) newId;
        }
    }

    /**
     * Remaps every element's id through {@code idMap} (new id = {@code idMap[oldId] & 0xFF})
     * in place: one pass, no allocation. Elements whose old id is beyond the map, whose new
     * id is 0, or whose new id does not fit the block's form (above 14 in one-byte form) are
     * removed (zeroed into padding). Returns the number of elements kept, or -1 if the block
     * is malformed or not RFC 8285 (0 when there is no extension).
     */
    public static int remapIds(RtpPacket p, byte[] idMap) {
        int e = p.extensionOffset();
        if (e < 0) {
            return 0;
        }
        byte[] b = p.array();
        int profile = Bytes.u16(b, e);
        int pos = e + 4;
        int end = pos + p.extensionDataLength();
        int kept = 0;
        if (isOneByteProfile(profile)) {
            while (true) {
                pos = skipPadding(b, pos, end, true);
                if (pos >= end) {
                    return kept;
                }
                int h = b[pos] & 0xFF;
                int id = h >>> 4;
                if (id == ONE_BYTE_STOP_ID) {
                    return kept;
                }
                int next = pos + 2 + (h & 0x0F);
                if (next > end) {
                    return -1;
                }
                int nid = id < idMap.length ? idMap[id] & 0xFF : 0;
                if (nid == 0 || nid > 14) {
                    zero(b, pos, next);
                } else {
                    b[pos] = (byte) ((nid << 4) | (h & 0x0F));
                    kept++;
                }
                pos = next;
            }
        }
        if (isTwoByteProfile(profile)) {
            while (true) {
                pos = skipPadding(b, pos, end, false);
                if (pos >= end) {
                    return kept;
                }
                if (pos + 2 > end) {
                    return -1;
                }
                int id = b[pos] & 0xFF;
                int next = pos + 2 + (b[pos + 1] & 0xFF);
                if (next > end) {
                    return -1;
                }
                int nid = id < idMap.length ? idMap[id] & 0xFF : 0;
                if (nid == 0) {
                    zero(b, pos, next);
                } else {
                    b[pos] = (byte) nid;
                    kept++;
                }
                pos = next;
            }
        }
        return -1;
    }

    /** Removes element {@code id} by zeroing it into padding; false if absent. */
    public static boolean remove(RtpPacket p, int id) {
        int v = find(p, id);
        if (v < 0) {
            return false;
        }
        int len = valueLength(p, v);
        int start = form(p) == 1 ? v - 1 : v - 2;
        zero(p.array(), start, v + len);
        return true;
    }

    /**
     * Calls {@code visitor} for each element in order. Returns false if the block is
     * malformed (elements before the fault were visited) or not RFC 8285.
     */
    public static boolean forEach(RtpPacket p, ExtensionCursor cursor, Visitor visitor) {
        if (!cursor.reset(p)) {
            return !p.hasExtension();
        }
        while (cursor.next()) {
            visitor.element(cursor.id(), p.array(), cursor.valueOffset(), cursor.valueLength());
        }
        return !cursor.malformed();
    }

    /**
     * Appends an element, growing the extension block (or creating a one-byte block, or a
     * two-byte block if the element does not fit the one-byte form) into the headroom of
     * {@code buf}; the packet's start moves back, the payload does not move. {@code p} must
     * wrap {@code buf}'s window and is re-wrapped on success. The caller ensures {@code id}
     * is not already present.
     *
     * @return false, changing nothing, if the headroom is too small, the existing block is
     *     malformed or not RFC 8285, or the element needs the two-byte form and the block is
     *     one-byte
     * @throws IllegalArgumentException if {@code id} is not in 1..255 or {@code len} not in 0..255
     */
    public static boolean add(PacketBuffer buf, RtpPacket p, int id, byte[] src, int srcOff, int len) {
        return ExtensionAppender.add(buf, p, id, src, srcOff, len);
    }

    static void zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            b[i] = 0;
        }
    }
}
