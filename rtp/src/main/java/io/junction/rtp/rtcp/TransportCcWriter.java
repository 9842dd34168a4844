package io.junction.rtp.rtcp;

import io.junction.rtp.Bytes;

/**
 * Builds transport-wide CC feedback ({@link TransportCc}). Reusable with preallocated
 * storage: {@link #reset}, then {@link #addReceived}/{@link #addLost} once per sequence
 * number from the base in order, then {@link #write}. Chunks are chosen greedily: runs of
 * 14 or more equal symbols become run-length chunks, otherwise 14 one-bit or 7 two-bit
 * status vectors. Not thread-safe.
 */
public final class TransportCcWriter {
    private static final int TICKS_PER_REFERENCE_UNIT =
            TransportCc.REFERENCE_TIME_UNIT_US / TransportCc.DELTA_TICK_US;
    private final byte[] symbols;
    private final short[] deltas;
    private final int[] chunks;
    private int count;
    private int deltaBytes;
    private long senderSsrc;
    private long mediaSsrc;
    private int baseSeq;
    private int referenceTime;
    private int fbCount;
    private long lastTicks;

    /** @param maxPackets most packets one feedback may describe, in [1, 65535] */
    public TransportCcWriter(int maxPackets) {
        if (maxPackets < 1 || maxPackets > 65535) {
            throw new IllegalArgumentException("maxPackets must be in [1, 65535], was " + maxPackets);
        }
        symbols = new byte[maxPackets];
        deltas = new short[maxPackets];
        chunks = new int[maxPackets];
    }

    /**
     * Starts a new feedback packet.
     *
     * @param referenceTime signed 24-bit, in 64 ms units
     * @param fbCount       feedback packet count, taken modulo 256
     */
    public void reset(long senderSsrc, long mediaSsrc, int baseSeq, int referenceTime, int fbCount) {
        if (referenceTime < -0x800000 || referenceTime > 0x7FFFFF) {
            throw new IllegalArgumentException("referenceTime must be in [-8388608, 8388607], was " + referenceTime);
        }
        this.senderSsrc = senderSsrc;
        this.mediaSsrc = mediaSsrc;
        this.baseSeq = baseSeq & 0xFFFF;
        this.referenceTime = referenceTime;
        this.fbCount = fbCount & 0xFF;
        count = 0;
        deltaBytes = 0;
        lastTicks = (long) referenceTime * TICKS_PER_REFERENCE_UNIT;
    }

    /**
     * Starts a new feedback packet whose reference time is derived from the first arrival
     * time (µs on the receiver's clock), for use with {@link #addReceivedAt}. The reference
     * time is {@code floor(firstArrivalUs / 64 ms)} sign-extended from its low 24 bits.
     */
    public void resetAt(long senderSsrc, long mediaSsrc, int baseSeq, long firstArrivalUs, int fbCount) {
        long units = Math.floorDiv(firstArrivalUs, TransportCc.REFERENCE_TIME_UNIT_US);
        reset(senderSsrc, mediaSsrc, baseSeq, ((int) units << 8) >> 8, fbCount);
        lastTicks = units * TICKS_PER_REFERENCE_UNIT;
    }

    /**
     * Appends the next sequence number as received at {@code arrivalUs} (same clock as
     * {@link #resetAt}); the delta to the previous received packet is rounded to 250 µs ticks
     * and rounding does not accumulate. Returns false, adding nothing, if the delta does not
     * fit 16 signed bits or the writer is full.
     */
    public boolean addReceivedAt(long arrivalUs) {
        long ticks = Math.floorDiv(arrivalUs + TransportCc.DELTA_TICK_US / 2, TransportCc.DELTA_TICK_US);
        long delta = ticks - lastTicks;
        return delta >= Short.MIN_VALUE && delta <= Short.MAX_VALUE && addReceived((int) delta);
    }

    /**
     * Appends the next sequence number as received {@code deltaTicks} (250 µs units) after
     * the previous received packet (or the reference time). Returns false, adding nothing,
     * if the delta does not fit 16 signed bits or the writer is full: send this feedback and
     * start another.
     */
    public boolean addReceived(int deltaTicks) {
        if (count == symbols.length || deltaTicks < Short.MIN_VALUE || deltaTicks > Short.MAX_VALUE) {
            return false;
        }
        int s = deltaTicks >= 0 && deltaTicks <= 255 ? TransportCc.SMALL_DELTA : TransportCc.LARGE_DELTA;
        symbols[count] = (byte) s;
        deltas[count++] = (short) deltaTicks;
        deltaBytes += s;
        lastTicks += deltaTicks;
        return true;
    }

    /** Appends the next sequence number as not received; false if full. */
    public boolean addLost() {
        if (count == symbols.length) {
            return false;
        }
        symbols[count] = TransportCc.NOT_RECEIVED;
        deltas[count++] = 0;
        return true;
    }

    /** Packets added since {@link #reset}. */
    public int packetCount() {
        return count;
    }

    private int encodeChunks() {
        int n = 0;
        int i = 0;
        while (i < count) {
            int s = symbols[i];
            int run = 1;
            while (i + run < count && symbols[i + run] == s && run < 0x1FFF) {
                run++;
            }
            int left = count - i;
            if (run >= 14 || run == left) {
                chunks[n++] = (s << 13) | run;
                i += run;
                continue;
            }
            int span = Math.min(14, left);
            boolean oneBit = true;
            for (int k = 0; k < span && oneBit; k++) {
                oneBit = symbols[i + k] < 2;
            }
            int c;
            if (oneBit) {
                c = 0x8000;
                for (int k = 0; k < span; k++) {
                    c |= symbols[i + k] << (13 - k);
                }
            } else {
                span = Math.min(7, left);
                c = 0xC000;
                for (int k = 0; k < span; k++) {
                    c |= symbols[i + k] << (12 - 2 * k);
                }
            }
            chunks[n++] = c;
            i += span;
        }
        return n;
    }

    /**
     * Writes the feedback (padded to 32 bits with RFC 3550 padding) and returns its length.
     *
     * @throws IllegalStateException if nothing was added
     */
    public int write(byte[] out, int off) {
        if (count == 0) {
            throw new IllegalStateException("transport-wide CC feedback needs at least one packet");
        }
        int nChunks = encodeChunks();
        int body = TransportCc.FIXED_LENGTH + 2 * nChunks + deltaBytes;
        int total = (body + 3) & ~3;
        int pad = total - body;
        int at = off + Feedback.writeFixed(out, off, RtcpHeader.RTPFB, RtcpHeader.FMT_TWCC, total, senderSsrc,
                mediaSsrc);
        if (pad > 0) {
            out[off] |= 0x20; // P bit, RFC 3550 §6.4.1
        }
        Bytes.put16(out, at, baseSeq);
        Bytes.put16(out, at + 2, count);
        Bytes.put24(out, at + 4, referenceTime);
        out[at + 7] = (byte) fbCount;
        at += 8;
        for (int k = 0; k < nChunks; k++) {
            Bytes.put16(out, at, chunks[k]);
            at += 2;
        }
        for (int k = 0; k < count; k++) {
            if (symbols[k] == TransportCc.SMALL_DELTA) {
                out[at++] = (byte) deltas[k];
            } else if (symbols[k] == TransportCc.LARGE_DELTA) {
                Bytes.put16(out, at, deltas[k]);
                at += 2;
            }
        }
        for (int k = 0; k < pad; k++) {
            out[at++] = k == pad - 1 ? (byte) pad : 0;
        }
        return total;
    }
}
