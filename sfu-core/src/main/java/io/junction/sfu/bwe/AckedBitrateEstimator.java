package io.junction.sfu.bwe;

/**
 * The bitrate the receiver has acknowledged, R_hat of draft-ietf-rmcat-gcc-02 §5.5: bytes of
 * packets received in the last {@code windowUs} of receiver time, divided by the window. The
 * estimate exists once the acknowledged packets span a whole window. A ring of (arrival, size)
 * pairs; packets are expected roughly in arrival order (feedback order), a reordered one simply
 * expires with its neighbours. Room worker only; allocation-free after construction.
 */
public final class AckedBitrateEstimator {
    private final long windowUs;
    private final long[] arrival;
    private final int[] size;
    private int head;
    private int count;
    private long bytes;
    private long firstUs = Long.MIN_VALUE;
    private long latestUs = Long.MIN_VALUE;

    /**
     * @param windowUs averaging window, e.g. 500 ms
     * @param capacity packets kept (enough for a window at the highest rate; older ones are
     *                 dropped early, which only shortens the window)
     */
    public AckedBitrateEstimator(long windowUs, int capacity) {
        if (windowUs <= 0) {
            throw new IllegalArgumentException("acked bitrate window must be > 0 µs, was " + windowUs);
        }
        if (capacity < 16) {
            throw new IllegalArgumentException("acked bitrate capacity must be >= 16, was " + capacity);
        }
        this.windowUs = windowUs;
        arrival = new long[capacity];
        size = new int[capacity];
    }

    public void onAcked(long arrivalUs, int sizeBytes) {
        if (firstUs == Long.MIN_VALUE) {
            firstUs = arrivalUs;
        }
        latestUs = Math.max(latestUs, arrivalUs);
        if (count == arrival.length) {
            drop();
        }
        int tail = (head + count) % arrival.length;
        arrival[tail] = arrivalUs;
        size[tail] = sizeBytes;
        count++;
        bytes += sizeBytes;
        while (count > 0 && arrival[head] <= latestUs - windowUs) {
            drop();
        }
    }

    private void drop() {
        bytes -= size[head];
        head = (head + 1) % arrival.length;
        count--;
    }

    /** Acknowledged bits per second, or -1 until a full window has been seen. */
    public long bitrateBps() {
        if (firstUs == Long.MIN_VALUE || latestUs - firstUs < windowUs) {
            return -1;
        }
        return bytes * 8 * 1_000_000 / windowUs;
    }
}
