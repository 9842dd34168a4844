package io.junction.sfu.forward;

import io.junction.rtp.PacketBuffer;

/**
 * The recent packets of one source stream, stored once and shared by all its subscriptions
 * for answering NACKs (DESIGN "Examples" 2).
 *
 * <p>A ring of {@code capacity} slots indexed by extended sequence number (RFC 3550 §A.1), so
 * 65535→0 is just the next slot. The window is the last {@code capacity} seqs up to the highest
 * stored; a packet is also forgotten once older than {@code maxAgeMs}.
 *
 * <p><b>Ownership.</b> {@link #store} either takes the buffer (returns true: it is now owned here
 * and will be released to its pool exactly once — when its slot is reused, the window moves past
 * it, {@link #expire} finds it too old, or on {@link #close}) or refuses it (returns false:
 * duplicate or older than the window; the caller still owns it). {@link #get} lends the stored
 * buffer: read or copy it out before the next {@code store}/{@code expire}/{@code close} on this
 * object, and never release or modify it. Everything runs on the room worker, so a lookup and its
 * copy cannot interleave with eviction.
 */
public final class RetransmissionBuffer implements AutoCloseable {
    private final int mask;
    private final long maxAgeMs;
    private final PacketBuffer[] slots;
    private final long[] tags;
    private final long[] storedMs;
    private boolean started;
    private long highest;
    /** Lowest extended seq {@link #expire} still has to look at; every stored packet below it is gone. */
    private long tail;
    private long stored;
    private long refused;
    private long hits;
    private long misses;

    /**
     * @param capacity packets kept, a power of two in [16, 32768] (1024 is typical)
     * @param maxAgeMs packets older than this are not returned, in [1, 60000]
     */
    public RetransmissionBuffer(int capacity, long maxAgeMs) {
        Check.range("capacity", capacity, 16, 32768);
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two in [16, 32768], was " + capacity);
        }
        Check.range("maxAgeMs", maxAgeMs, 1, 60_000);
        this.mask = capacity - 1;
        this.maxAgeMs = maxAgeMs;
        this.slots = new PacketBuffer[capacity];
        this.tags = new long[capacity];
        this.storedMs = new long[capacity];
    }

    /**
     * Stores the packet with sequence number {@code seq} received at {@code now}.
     *
     * @return true if the buffer is now owned by this object; false if refused (duplicate or too old)
     */
    public boolean store(PacketBuffer packet, int seq, long now) {
        seq &= 0xFFFF;
        long ext;
        if (!started) {
            started = true;
            ext = seq;
            highest = ext;
            tail = ext;
        } else {
            ext = Seq16.unwrap(highest, seq);
            if (ext > highest) {
                advanceTo(ext);
            } else if (ext <= highest - slots.length) {
                refused++;
                return false;
            }
        }
        int slot = (int) (ext & mask);
        PacketBuffer old = slots[slot];
        if (old != null) {
            if (tags[slot] == ext) {
                refused++;
                return false;
            }
            old.release();
        }
        slots[slot] = packet;
        tags[slot] = ext;
        storedMs[slot] = now;
        if (ext < tail) {
            tail = ext; // a late packet below the expired part: the next expire walks from it
        }
        stored++;
        return true;
    }

    /** The stored packet {@code seq} (lent, see class comment), or null if absent, evicted or too old. */
    public PacketBuffer get(int seq, long now) {
        if (!started) {
            misses++;
            return null;
        }
        long ext = Seq16.unwrap(highest, seq & 0xFFFF);
        int slot = (int) (ext & mask);
        PacketBuffer b = slots[slot];
        if (b == null || tags[slot] != ext || now - storedMs[slot] > maxAgeMs) {
            misses++;
            return null;
        }
        hits++;
        return b;
    }

    /**
     * Releases the packets older than the maximum age (call from a periodic room task). Walks from the
     * oldest sequence number still held up to the first packet young enough, so a call costs the packets
     * it releases (plus the empty slots of lost ones once), not the whole ring: packets arrive in sequence
     * order, so the ones after a young packet are young too. A late packet stored behind a younger one is
     * released when the walk reaches it or the window moves past it; {@link #get} never returns it once
     * it is too old.
     */
    public void expire(long now) {
        if (!started) {
            return;
        }
        long s = Math.max(tail, highest - slots.length + 1);
        for (; s <= highest; s++) {
            int slot = (int) (s & mask);
            if (slots[slot] == null || tags[slot] != s) {
                continue;
            }
            if (now - storedMs[slot] <= maxAgeMs) {
                break;
            }
            evict(slot);
        }
        tail = s;
    }

    /** Releases every stored packet; the buffer can be used again afterwards. */
    @Override
    public void close() {
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != null) {
                evict(i);
            }
        }
        started = false;
    }

    /** Packets currently held. */
    public int size() {
        int n = 0;
        for (PacketBuffer b : slots) {
            if (b != null) {
                n++;
            }
        }
        return n;
    }

    /** Packets accepted by {@link #store}. */
    public long stored() {
        return stored;
    }

    /** Packets refused by {@link #store} (duplicates, too old). */
    public long refused() {
        return refused;
    }

    /** Successful {@link #get}s. */
    public long hits() {
        return hits;
    }

    /** {@link #get}s that found nothing. */
    public long misses() {
        return misses;
    }

    /** Moves the window's head to {@code ext}, releasing the slots it leaves behind. */
    private void advanceTo(long ext) {
        long from = Math.max(highest + 1, ext - slots.length + 1);
        for (long s = from; s <= ext; s++) {
            int slot = (int) (s & mask);
            if (slots[slot] != null) {
                evict(slot);
            }
        }
        highest = ext;
    }

    private void evict(int slot) {
        PacketBuffer b = slots[slot];
        slots[slot] = null;
        b.release();
    }
}
