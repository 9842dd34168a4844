package io.junction.rtp.rtcp;

import io.junction.rtp.Bytes;
import io.junction.rtp.SeqNum;
import java.util.function.IntConsumer;

/**
 * Generic NACK (RFC 4585 §6.2.1): RTPFB FMT=1; each 4-byte FCI entry names a lost packet
 * (PID) and a bitmask of the 16 following ones (BLP: bit i set = PID+i+1 lost), modulo 2^16.
 */
public final class Nack {
    private Nack() {
    }

    /** True if the packet is a generic NACK with at least one FCI entry. */
    public static boolean isValid(byte[] b, int off, int len) {
        return Feedback.is(b, off, len, RtcpHeader.RTPFB, RtcpHeader.FMT_NACK) && len >= Feedback.FIXED_LENGTH + 4;
    }

    /** Number of FCI entries. */
    public static int entryCount(int len) {
        return (len - Feedback.FIXED_LENGTH) / 4;
    }

    public static int pid(byte[] b, int off, int i) {
        return Bytes.u16(b, off + Feedback.FIXED_LENGTH + 4 * i);
    }

    public static int blp(byte[] b, int off, int i) {
        return Bytes.u16(b, off + Feedback.FIXED_LENGTH + 4 * i + 2);
    }

    /**
     * Calls {@code lost} for every sequence number the packet reports, in entry order;
     * returns how many. A reused (non-capturing or field-held) consumer allocates nothing.
     */
    public static int forEachLost(byte[] b, int off, int len, IntConsumer lost) {
        int n = 0;
        for (int i = 0, entries = entryCount(len); i < entries; i++) {
            int pid = pid(b, off, i);
            int blp = blp(b, off, i);
            lost.accept(pid);
            n++;
            for (int bit = 0; bit < 16; bit++) {
                if ((blp & (1 << bit)) != 0) {
                    lost.accept(SeqNum.add(pid, bit + 1));
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * Writes the reported sequence numbers into {@code out} (up to its length) and returns how
     * many the packet reports (which may exceed {@code out.length}).
     */
    public static int expand(byte[] b, int off, int len, int[] out) {
        int n = 0;
        for (int i = 0, entries = entryCount(len); i < entries; i++) {
            int pid = pid(b, off, i);
            int blp = blp(b, off, i);
            if (n < out.length) {
                out[n] = pid;
            }
            n++;
            for (int bit = 0; bit < 16; bit++) {
                if ((blp & (1 << bit)) != 0) {
                    if (n < out.length) {
                        out[n] = SeqNum.add(pid, bit + 1);
                    }
                    n++;
                }
            }
        }
        return n;
    }

    /** Upper bound on the length of a NACK for {@code seqCount} sequence numbers. */
    public static int maxLength(int seqCount) {
        return Feedback.FIXED_LENGTH + 4 * Math.max(1, seqCount);
    }

    /**
     * Writes a NACK for {@code count} sequence numbers from {@code seqs[from..]} and returns its
     * length. Numbers given in ascending wrap-aware order (e.g. 65534, 65535, 0, 1) pack into
     * PID+BLP entries across the wrap; any other order is still reported correctly, just less
     * compactly. Exact duplicates of the current PID are skipped.
     *
     * @throws IllegalArgumentException if {@code count} is not positive
     */
    public static int write(byte[] out, int off, long senderSsrc, long mediaSsrc, int[] seqs, int from, int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("NACK needs at least one sequence number, was " + count);
        }
        int entries = 0;
        int pid = seqs[from] & 0xFFFF;
        for (int i = from + 1; i < from + count; i++) {
            int d = SeqNum.diff(seqs[i], pid);
            if (d < 0 || d > 16) {
                entries++;
                pid = seqs[i] & 0xFFFF;
            }
        }
        entries++;
        int n = Feedback.FIXED_LENGTH + 4 * entries;
        int at = off + Feedback.writeFixed(out, off, RtcpHeader.RTPFB, RtcpHeader.FMT_NACK, n, senderSsrc, mediaSsrc);
        pid = seqs[from] & 0xFFFF;
        int blp = 0;
        for (int i = from + 1; i < from + count; i++) {
            int d = SeqNum.diff(seqs[i], pid);
            if (d >= 1 && d <= 16) {
                blp |= 1 << (d - 1);
            } else if (d != 0) {
                Bytes.put16(out, at, pid);
                Bytes.put16(out, at + 2, blp);
                at += 4;
                pid = seqs[i] & 0xFFFF;
                blp = 0;
            }
        }
        Bytes.put16(out, at, pid);
        Bytes.put16(out, at + 2, blp);
        return n;
    }
}
