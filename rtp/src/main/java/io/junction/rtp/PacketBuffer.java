package io.junction.rtp;

/**
 * A pooled, mutable packet buffer: one {@code byte[]} with a movable window
 * {@code [offset, offset + length)}. Bytes before the window are headroom (room to
 * prepend, e.g. an RFC 8285 header extension); bytes after it are tailroom (room to
 * append, e.g. the SRTP authentication tag).
 *
 * <p>Instances are owned by exactly one {@link BufferPool}; whoever acquired a buffer
 * must release it exactly once. A buffer is not thread-safe: hand it over, don't share it.
 */
public final class PacketBuffer {
    /** Default maximum payload: an Ethernet MTU. */
    public static final int DEFAULT_MTU = 1500;
    /** Default headroom kept before the packet. */
    public static final int DEFAULT_HEADROOM = 64;
    /** Default tailroom kept after an MTU-sized packet (SRTP tag, padding). */
    public static final int DEFAULT_TAILROOM = 64;
    /** Default capacity: headroom + MTU + tailroom. */
    public static final int DEFAULT_CAPACITY = DEFAULT_HEADROOM + DEFAULT_MTU + DEFAULT_TAILROOM;

    private final byte[] array;
    private final int defaultHeadroom;
    private final BufferPool owner;
    private int offset;
    private int length;

    // pool bookkeeping, guarded by the owner's lock
    boolean pooled;
    Throwable acquiredAt;

    /**
     * Creates a stand-alone buffer (no pool), e.g. for tests.
     *
     * @param capacity total bytes, at least 1
     * @param headroom offset the window starts at after {@link #reset()}, in [0, capacity]
     */
    public PacketBuffer(int capacity, int headroom) {
        this(capacity, headroom, null);
    }

    PacketBuffer(int capacity, int headroom, BufferPool owner) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        if (headroom < 0 || headroom > capacity) {
            throw new IllegalArgumentException("headroom must be in [0, " + capacity + "], was " + headroom);
        }
        this.array = new byte[capacity];
        this.defaultHeadroom = headroom;
        this.owner = owner;
        this.offset = headroom;
    }

    /** The backing array (never replaced). */
    public byte[] array() {
        return array;
    }

    /** Start of the packet in {@link #array()}. */
    public int offset() {
        return offset;
    }

    /** Length of the packet in bytes. */
    public int length() {
        return length;
    }

    /** Total size of the backing array. */
    public int capacity() {
        return array.length;
    }

    /** Free bytes before the packet (equals {@link #offset()}). */
    public int headroom() {
        return offset;
    }

    /** Free bytes after the packet. */
    public int tailroom() {
        return array.length - offset - length;
    }

    /** The pool this buffer belongs to, or null for a stand-alone buffer. */
    public BufferPool owner() {
        return owner;
    }

    /**
     * Moves the start of the window; the end moves with it only if the length is kept.
     *
     * @throws IndexOutOfBoundsException if {@code offset + length()} would exceed the capacity
     */
    public void setOffset(int offset) {
        if (offset < 0 || offset + length > array.length) {
            throw new IndexOutOfBoundsException("offset " + offset + " with length " + length
                    + " outside capacity " + array.length);
        }
        this.offset = offset;
    }

    /**
     * Sets the packet length.
     *
     * @throws IndexOutOfBoundsException if {@code offset() + length} would exceed the capacity
     */
    public void setLength(int length) {
        if (length < 0 || offset + length > array.length) {
            throw new IndexOutOfBoundsException("length " + length + " at offset " + offset
                    + " outside capacity " + array.length);
        }
        this.length = length;
    }

    /** Sets offset and length together. */
    public void set(int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > array.length) {
            throw new IndexOutOfBoundsException("window [" + offset + ", +" + length
                    + ") outside capacity " + array.length);
        }
        this.offset = offset;
        this.length = length;
    }

    /** Empties the buffer and restores the default headroom. */
    public void reset() {
        offset = defaultHeadroom;
        length = 0;
    }

    /**
     * Copies {@code len} bytes into the buffer after the default headroom.
     *
     * @throws IndexOutOfBoundsException if the bytes don't fit
     */
    public void copyFrom(byte[] src, int srcOff, int len) {
        if (len < 0 || defaultHeadroom + len > array.length) {
            throw new IndexOutOfBoundsException("length " + len + " does not fit after headroom "
                    + defaultHeadroom + " in capacity " + array.length);
        }
        System.arraycopy(src, srcOff, array, defaultHeadroom, len);
        offset = defaultHeadroom;
        length = len;
    }

    /** Releases this buffer to its pool (shorthand for {@code owner().release(this)}). */
    public void release() {
        if (owner == null) {
            throw new IllegalStateException("stand-alone buffer has no pool");
        }
        owner.release(this);
    }

    @Override
    public String toString() {
        return "PacketBuffer[offset=" + offset + ", length=" + length + ", capacity=" + array.length + "]";
    }
}
