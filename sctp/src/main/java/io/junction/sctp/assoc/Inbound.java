package io.junction.sctp.assoc;

import io.junction.sctp.chunk.DataChunk;
import io.junction.sctp.chunk.PacketWriter;
import io.junction.sctp.chunk.SackChunk;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The receiving half: TSN tracking and duplicates (RFC 9260 §6.2), reassembly (§6.9), ordered and
 * unordered delivery per stream (§6.6), SACK contents (§3.3.4), FORWARD TSN (RFC 3758 §3.6) and
 * incoming stream reset (RFC 6525 §5.2.2). Complete messages are queued in {@link #deliveries}
 * for the association to hand out once the packet is processed.
 */
final class Inbound {
    enum Result { ACCEPTED, DUPLICATE, DROPPED, TOO_LARGE }

    record Delivery(int stream, long ppid, byte[] data) {
    }

    private record Fragment(int stream, int ssn, long ppid, int flags, byte[] data) {
        boolean unordered() {
            return (flags & DataChunk.FLAG_UNORDERED) != 0;
        }
    }

    private static final class StreamIn {
        int expectedSsn;
        final Map<Integer, Delivery> waiting = new HashMap<>();
    }

    /** How far ahead of the cumulative TSN a DATA or FORWARD TSN may point (the peer's window in chunks). */
    static final long MAX_AHEAD = 1 << 17;
    private static final int MAX_DUPS = 16;
    private static final int MAX_GAPS = 64;

    private final long limit;
    private final int maxMessage;
    private final AssociationStats stats;
    private final TreeSet<Long> above = new TreeSet<>();
    private final TreeMap<Long, Fragment> fragments = new TreeMap<>();
    private final Map<Integer, StreamIn> streams = new HashMap<>();
    final ArrayDeque<Delivery> deliveries = new ArrayDeque<>();
    private final long[] dups = new long[MAX_DUPS];
    private final int[] gaps = new int[2 * MAX_GAPS];
    private int dupCount;
    private long cum;
    private long held;

    Inbound(AssociationOptions o, AssociationStats stats) {
        this.limit = o.receiveBufferLimit();
        this.maxMessage = o.maxMessageSize();
        this.stats = stats;
    }

    void start(long peerInitialTsn) {
        cum = peerInitialTsn - 1;
    }

    /** Takes one DATA chunk (offset/length of the chunk). */
    Result onData(byte[] b, int off, int len) {
        long tsn = Tsn.unwrap(DataChunk.tsn(b, off), cum);
        if (tsn <= cum || above.contains(tsn)) {
            stats.duplicateTsns++;
            if (dupCount < MAX_DUPS) {
                dups[dupCount++] = Tsn.wire(tsn);
            }
            return Result.DUPLICATE;
        }
        int n = DataChunk.payloadLength(len);
        long highest = above.isEmpty() ? cum : above.last();
        // §6.2: with no window left, drop chunks beyond the highest TSN received; ones filling holes
        // (and the next in sequence) are taken, so held messages can complete and leave.
        if ((held + n > limit && tsn > highest && tsn != cum + 1) || tsn - cum > MAX_AHEAD) {
            stats.dataDropped++;
            return Result.DROPPED;
        }
        if (held + n > 2 * limit) {
            return Result.TOO_LARGE;
        }
        byte[] data = new byte[n];
        System.arraycopy(b, DataChunk.payloadOffset(off), data, 0, n);
        Fragment f = new Fragment(DataChunk.streamId(b, off), DataChunk.ssn(b, off), DataChunk.ppid(b, off),
                b[off + 1] & 0xFF, data);
        held += n;
        above.add(tsn);
        fragments.put(tsn, f);
        while (!above.isEmpty() && above.first() == cum + 1) {
            cum = above.pollFirst();
        }
        stats.dataChunksIn++;
        return assemble(tsn, f) ? Result.ACCEPTED : Result.TOO_LARGE;
    }

    /** Tries to complete the message containing {@code tsn}; false if it outgrows the message limit. */
    private boolean assemble(long tsn, Fragment f) {
        long first = tsn;
        Fragment cur = f;
        while ((cur.flags & DataChunk.FLAG_BEGIN) == 0) {
            Fragment p = fragments.get(first - 1);
            if (p == null || !sameMessage(p, f) || (p.flags & DataChunk.FLAG_END) != 0) {
                return true;
            }
            first--;
            cur = p;
        }
        long size = 0;
        long last = first;
        while (true) {
            Fragment x = fragments.get(last);
            if (x == null || !sameMessage(x, f) || (last != first && (x.flags & DataChunk.FLAG_BEGIN) != 0)) {
                return size <= maxMessage;
            }
            size += x.data.length;
            if (size > maxMessage) {
                return false;
            }
            if ((x.flags & DataChunk.FLAG_END) != 0) {
                break;
            }
            last++;
        }
        byte[] msg = new byte[(int) size];
        int at = 0;
        for (long t = first; t <= last; t++) {
            byte[] d = fragments.remove(t).data;
            System.arraycopy(d, 0, msg, at, d.length);
            at += d.length;
        }
        Delivery d = new Delivery(f.stream, f.ppid, msg);
        if (f.unordered()) {
            held -= size;
            deliveries.add(d);
        } else {
            StreamIn s = streams.computeIfAbsent(f.stream, k -> new StreamIn());
            if (!Tsn.ssnAtOrAfter(f.ssn, s.expectedSsn) || s.waiting.containsKey(f.ssn)) {
                // an SSN already delivered or skipped (a FORWARD TSN said so): it can never be delivered
                held -= size;
                stats.dataDropped++;
                return true;
            }
            s.waiting.put(f.ssn, d);
            deliverOrdered(f.stream);
        }
        return true;
    }

    private static boolean sameMessage(Fragment a, Fragment b) {
        return a.stream == b.stream && a.unordered() == b.unordered() && (a.unordered() || a.ssn == b.ssn);
    }

    private void deliverOrdered(int stream) {
        StreamIn s = streams.get(stream);
        Delivery d;
        while ((d = s.waiting.remove(s.expectedSsn)) != null) {
            held -= d.data().length;
            deliveries.add(d);
            s.expectedSsn = (s.expectedSsn + 1) & 0xFFFF;
        }
    }

    /**
     * RFC 3758 §3.6: skip to the new cumulative TSN, and past the given SSNs of ordered streams.
     * False if the new cumulative TSN lies beyond {@link #MAX_AHEAD}.
     */
    boolean onForwardTsn(long wireNewCum, int[] fwdStreams, int[] fwdSsns, int count) {
        long nc = Tsn.unwrap(wireNewCum, cum);
        if (nc - cum > MAX_AHEAD) {
            return false; // skipping TSNs the peer cannot have sent yet: a protocol violation
        }
        if (nc > cum) {
            NavigableMap<Long, Fragment> gone = fragments.headMap(nc, true);
            for (Fragment f : gone.values()) {
                held -= f.data.length;
            }
            gone.clear();
            above.headSet(nc, true).clear();
            cum = nc;
            while (!above.isEmpty() && above.first() == cum + 1) {
                cum = above.pollFirst();
            }
        }
        for (int i = 0; i < count; i++) {
            StreamIn s = streams.computeIfAbsent(fwdStreams[i], k -> new StreamIn());
            int ssn = fwdSsns[i];
            s.waiting.entrySet().removeIf(e -> {
                boolean skip = Tsn.ssnAtOrAfter(ssn, e.getKey());
                if (skip) {
                    held -= e.getValue().data().length;
                }
                return skip;
            });
            if (Tsn.ssnAtOrAfter(ssn, s.expectedSsn)) {
                s.expectedSsn = (ssn + 1) & 0xFFFF;
            }
            deliverOrdered(fwdStreams[i]);
        }
        return true;
    }

    /**
     * RFC 6525 §5.2.2: once every TSN up to the sender's last assigned one has arrived, the
     * streams' expected SSN goes back to 0. Returns false while data is still missing.
     */
    boolean resetStreams(long wireLastTsn, int[] ids) {
        if (Tsn.unwrap(wireLastTsn, cum) > cum) {
            return false;
        }
        for (int id : ids) {
            StreamIn s = streams.remove(id);
            if (s != null) {
                for (Delivery d : s.waiting.values()) {
                    held -= d.data().length;
                }
            }
        }
        if (ids.length == 0) {
            streams.clear();
        }
        return true;
    }

    /** Writes a SACK: cumulative TSN, window, gap blocks from the TSNs held above it, duplicates. */
    int writeSack(PacketWriter w) {
        int maxGaps = Math.min(MAX_GAPS, (w.remaining() - SackChunk.HEADER - 4 * dupCount) / 4);
        int n = 0;
        long start = -1;
        long end = -1;
        for (long t : above) {
            if (t - cum > 0xFFFF) {
                break;
            }
            if (start >= 0 && t == end + 1) {
                end = t;
                continue;
            }
            if (start >= 0) {
                if (n == maxGaps) {
                    break;
                }
                gaps[2 * n] = (int) (start - cum);
                gaps[2 * n + 1] = (int) (end - cum);
                n++;
            }
            start = t;
            end = t;
        }
        if (start >= 0 && n < maxGaps) {
            gaps[2 * n] = (int) (start - cum);
            gaps[2 * n + 1] = (int) (end - cum);
            n++;
        }
        int len = SackChunk.write(w.array(), w.position(), Tsn.wire(cum), arwnd(), gaps, n, dups, dupCount);
        w.commit(len);
        dupCount = 0;
        return len;
    }

    long arwnd() {
        return Math.max(0, limit - held);
    }

    boolean hasGaps() {
        return !above.isEmpty();
    }

    long cumulativeTsn() {
        return cum;
    }

    long held() {
        return held;
    }
}
