package io.junction.sfu.bwe;

/**
 * Groups acknowledged packets into bursts and reports the delay variation between consecutive
 * groups (draft-ietf-rmcat-gcc-02 §5.2). A group is the packets sent within
 * {@link #BURST_US} of its first one; a packet that arrives within {@link #BURST_US} of the
 * group's last arrival with a negative inter-packet delay variation also joins it (it queued
 * behind the group). A group's times are those of its last packet: when the next group
 * starts, the completed one is compared with the one before it.
 *
 * <p>A packet sent before the current group started (reordered feedback) is ignored, and a
 * pair of groups whose arrival delta is negative or longer than {@link #MAX_GAP_US} (a
 * receiver clock jump or a long pause) yields no delta. Room worker only; allocation-free.
 */
public final class InterArrival {
    /** Burst interval of the draft (burst_time, 5 ms). */
    public static final long BURST_US = 5_000;
    /** Longer silences reset the comparison instead of producing a huge delta. */
    public static final long MAX_GAP_US = 3_000_000;

    private boolean hasCurrent;
    private long curFirstSend;
    private long curLastSend;
    private long curLastArrival;
    private boolean hasPrevious;
    private long prevLastSend;
    private long prevLastArrival;
    private long ignored;
    // output of the last onPacket that returned true
    private long sendDeltaUs;
    private long arrivalDeltaUs;
    private long groupArrivalUs;

    /**
     * Adds one acknowledged packet. Returns true when it completed a group and a delta to the
     * group before is available from {@link #sendDeltaUs()}, {@link #arrivalDeltaUs()} and
     * {@link #groupArrivalUs()}.
     */
    public boolean onPacket(long sendUs, long arrivalUs) {
        if (!hasCurrent) {
            startGroup(sendUs, arrivalUs);
            return false;
        }
        if (sendUs < curFirstSend) {
            ignored++;
            return false;
        }
        if (belongsToCurrent(sendUs, arrivalUs)) {
            curLastSend = Math.max(curLastSend, sendUs);
            curLastArrival = Math.max(curLastArrival, arrivalUs);
            return false;
        }
        boolean produced = false;
        if (hasPrevious) {
            long sd = curLastSend - prevLastSend;
            long ad = curLastArrival - prevLastArrival;
            if (ad >= 0 && ad <= MAX_GAP_US) {
                sendDeltaUs = sd;
                arrivalDeltaUs = ad;
                groupArrivalUs = curLastArrival;
                produced = true;
            } else {
                ignored++;
            }
        }
        hasPrevious = true;
        prevLastSend = curLastSend;
        prevLastArrival = curLastArrival;
        startGroup(sendUs, arrivalUs);
        return produced;
    }

    private boolean belongsToCurrent(long sendUs, long arrivalUs) {
        if (sendUs - curFirstSend <= BURST_US) {
            return true;
        }
        long interArrival = arrivalUs - curLastArrival;
        long variation = interArrival - (sendUs - curLastSend);
        return interArrival < BURST_US && variation < 0;
    }

    private void startGroup(long sendUs, long arrivalUs) {
        hasCurrent = true;
        curFirstSend = sendUs;
        curLastSend = sendUs;
        curLastArrival = arrivalUs;
    }

    /** Send-time difference between the last two completed groups. */
    public long sendDeltaUs() {
        return sendDeltaUs;
    }

    /** Arrival-time difference between the last two completed groups. */
    public long arrivalDeltaUs() {
        return arrivalDeltaUs;
    }

    /** Arrival time (receiver clock) of the newer of the two groups. */
    public long groupArrivalUs() {
        return groupArrivalUs;
    }

    /** Packets or group pairs left out (reordered, clock jumps). */
    public long ignored() {
        return ignored;
    }
}
