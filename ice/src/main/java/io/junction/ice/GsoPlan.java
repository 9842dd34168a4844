package io.junction.ice;

/**
 * How one drained batch of datagrams leaves with UDP GSO (UDP_SEGMENT, Linux 4.18+): the datagrams of the
 * batch are grouped by destination (each destination's datagrams keep their order; datagrams to different
 * destinations may be reordered, as two paths may reorder them anyway), and each destination's datagrams are
 * cut into runs the kernel can segment: all of one size, except that the last may be shorter, at most
 * {@code maxSegments} datagrams and {@code maxBytes} bytes. A run of one datagram is sent as is.
 * A pure function with reused arrays (no allocation), table-tested in {@code GsoPlanTest}.
 */
final class GsoPlan {
    /** Segments the kernel takes in one send (UDP_MAX_SEGMENTS is 64 before Linux 6.x's 128). */
    static final int MAX_SEGMENTS = 64;
    /** Bytes of one GSO send at most (a UDP datagram's payload limit, with room for headers). */
    static final int MAX_BYTES = 65_000;

    private GsoPlan() {
    }

    /**
     * Plans {@code n} datagrams to {@code to[i]} of {@code len[i]} bytes. Fills {@code order} with the
     * indexes in sending order and {@code runs} with the length of each run (summing to n); returns the
     * number of runs. {@code order} and {@code runs} hold at least n entries; {@code taken} is scratch of n.
     */
    static int plan(Object[] to, int[] len, int n, int maxSegments, int maxBytes, int[] order, int[] runs,
                    boolean[] taken) {
        java.util.Arrays.fill(taken, 0, n, false);
        int placed = 0;
        int runCount = 0;
        for (int i = 0; i < n; i++) {
            if (taken[i]) {
                continue;
            }
            Object dest = to[i];
            int segment = -1; // the size of the open run's segments
            int runLen = 0;
            int runBytes = 0;
            for (int j = i; j < n; j++) {
                if (taken[j] || !(j == i || dest.equals(to[j]))) {
                    continue;
                }
                taken[j] = true;
                int l = len[j];
                boolean fits = runLen > 0 && l <= segment && runLen < maxSegments && runBytes + l <= maxBytes;
                if (!fits) {
                    if (runLen > 0) {
                        runs[runCount++] = runLen;
                    }
                    segment = l;
                    runLen = 0;
                    runBytes = 0;
                }
                order[placed++] = j;
                runLen++;
                runBytes += l;
                if (l < segment) {
                    // a shorter datagram ends its run
                    runs[runCount++] = runLen;
                    runLen = 0;
                    runBytes = 0;
                    segment = -1;
                }
            }
            if (runLen > 0) {
                runs[runCount++] = runLen;
            }
        }
        return runCount;
    }
}
