package io.junction.rtp.rtcp;

import io.junction.rtp.Bytes;
import io.junction.rtp.SeqNum;

/**
 * Parses transport-wide CC feedback ({@link TransportCc}) into per-packet results without
 * allocating: {@link #reset} validates chunks and deltas against the length, then
 * {@link #next()} visits each of the {@link #statusCount()} packets in sequence order.
 * Reusable; one per worker thread.
 */
public final class TransportCcReader {
    private byte[] b;
    private int baseSeq;
    private int statusCount;
    private int referenceTime;
    private int fbCount;
    private long senderSsrc;
    private long mediaSsrc;
    // iteration state
    private int index;
    private int chunkPos;
    private int chunkSymbolsLeft;
    private int chunkSymbolIndex;
    private int chunk;
    private int deltaPos;
    private int status;
    private int delta;
    private long arrivalTicks;

    /** Validates one TWCC packet (as delivered by {@link RtcpCursor}) and starts iterating. */
    public boolean reset(byte[] b, int off, int len) {
        this.b = b;
        index = 0;
        statusCount = 0;
        if (!TransportCc.is(b, off, len)) {
            return false;
        }
        int end = off + len;
        if (RtcpHeader.hasPadding(b, off)) {
            end -= b[off + len - 1] & 0xFF;
        }
        int count = Bytes.u16(b, off + 14);
        int pos = off + TransportCc.FIXED_LENGTH;
        int covered = 0;
        int deltaBytes = 0;
        while (covered < count) {
            if (pos + 2 > end) {
                return false;
            }
            int c = Bytes.u16(b, pos);
            pos += 2;
            int n = Math.min(symbolsIn(c), count - covered);
            for (int k = 0; k < n; k++) {
                int s = symbol(c, k);
                if (s == 3) {
                    return false;
                }
                deltaBytes += s;
            }
            covered += n;
        }
        if (pos + deltaBytes > end) {
            return false;
        }
        senderSsrc = Bytes.u32(b, off + 4);
        mediaSsrc = Bytes.u32(b, off + 8);
        baseSeq = Bytes.u16(b, off + 12);
        statusCount = count;
        referenceTime = (Bytes.u24(b, off + 16) << 8) >> 8;
        fbCount = b[off + 19] & 0xFF;
        chunkPos = off + TransportCc.FIXED_LENGTH;
        deltaPos = pos;
        chunkSymbolsLeft = 0;
        arrivalTicks = (long) referenceTime * (TransportCc.REFERENCE_TIME_UNIT_US / TransportCc.DELTA_TICK_US);
        return true;
    }

    private static int symbolsIn(int c) {
        if ((c & 0x8000) == 0) {
            return c & 0x1FFF;
        }
        return (c & 0x4000) == 0 ? 14 : 7;
    }

    private static int symbol(int c, int k) {
        if ((c & 0x8000) == 0) {
            return (c >>> 13) & 3;
        }
        return (c & 0x4000) == 0 ? (c >>> (13 - k)) & 1 : (c >>> (12 - 2 * k)) & 3;
    }

    /** Advances to the next packet; false after {@link #statusCount()} packets. */
    public boolean next() {
        if (index >= statusCount) {
            return false;
        }
        while (chunkSymbolsLeft == 0) {
            chunk = Bytes.u16(b, chunkPos);
            chunkPos += 2;
            chunkSymbolsLeft = symbolsIn(chunk);
            chunkSymbolIndex = 0;
        }
        status = symbol(chunk, chunkSymbolIndex++);
        chunkSymbolsLeft--;
        if (status == TransportCc.SMALL_DELTA) {
            delta = b[deltaPos] & 0xFF;
            deltaPos++;
        } else if (status == TransportCc.LARGE_DELTA) {
            delta = (short) Bytes.u16(b, deltaPos);
            deltaPos += 2;
        } else {
            delta = 0;
        }
        arrivalTicks += delta;
        index++;
        return true;
    }

    /** Transport-wide sequence number of the current packet. */
    public int sequenceNumber() {
        return SeqNum.add(baseSeq, index - 1);
    }

    /** Status symbol of the current packet ({@link TransportCc#NOT_RECEIVED} etc.). */
    public int status() {
        return status;
    }

    public boolean received() {
        return status != TransportCc.NOT_RECEIVED;
    }

    /** Receive delta of the current packet in 250 µs ticks (0 if not received). */
    public int deltaTicks() {
        return delta;
    }

    /**
     * Arrival time of the current (received) packet in µs of the feedback sender's clock:
     * reference time plus all deltas so far.
     */
    public long arrivalTimeUs() {
        return arrivalTicks * TransportCc.DELTA_TICK_US;
    }

    public int baseSequenceNumber() {
        return baseSeq;
    }

    public int statusCount() {
        return statusCount;
    }

    /** Reference time in 64 ms units (signed 24-bit). */
    public int referenceTime() {
        return referenceTime;
    }

    /** Feedback packet count (8-bit, wraps). */
    public int feedbackCount() {
        return fbCount;
    }

    public long senderSsrc() {
        return senderSsrc;
    }

    public long mediaSsrc() {
        return mediaSsrc;
    }
}
