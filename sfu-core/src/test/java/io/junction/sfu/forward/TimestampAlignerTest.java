package io.junction.sfu.forward;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link TimestampAligner#ticksBetween} and its use by {@link SequenceRewriter} at a switch. */
class TimestampAlignerTest {
    private static final long NTP = 0xE000_0000_0000_0000L >>> 1; // some NTP time, 32.32
    private static final long HALF_SECOND = 1L << 31;

    @Test
    void ticksFromSenderReportsTable() {
        // {srNtpA, srRtpA, tsA, srNtpB, srRtpB, tsB, expected}
        long[][] rows = {
                {NTP, 1000, 1000, NTP, 5_000_000, 5_000_000, 0},                       // same instant
                {NTP, 1000, 1000, NTP, 5_000_000, 5_002_970, 2970},                    // B one frame later
                {NTP, 1000, 4000, NTP, 5_000_000, 5_000_000, -3000},                   // B earlier
                {NTP, 1000, 1000, NTP + HALF_SECOND, 7, 7, 45_000},                    // B's report half a second later
                {NTP, 0xFFFF_FF00L, 0x100, NTP, 10, 10, -0x200},                       // A's timestamp wrapped past its report
                {NTP, 1000, 1000, NTP - 3 * HALF_SECOND, 0xFFFF_FFF0L, 0x10, -135_000 + 0x20},
                {NTP, 1, 1, NTP + (1L << 57), 1, 1, TimestampAligner.UNKNOWN},        // reports 2^25 s apart
        };
        for (long[] r : rows) {
            assertEquals(r[6], TimestampAligner.ticksBetween(r[0], r[1], r[2], r[3], r[4], r[5], 90000),
                    java.util.Arrays.toString(r));
        }
    }

    @Test
    void aSwitchAdvancesByTheCaptureDistanceNotTheArrivalGap() {
        SequenceRewriter r = new SequenceRewriter(90000, 1024);
        long[] answer = {2970};
        long[] asked = new long[4];
        r.setAligner((fromSsrc, fromTs, toSsrc, toTs) -> {
            asked[0] = fromSsrc;
            asked[1] = fromTs;
            asked[2] = toSsrc;
            asked[3] = toTs;
            return answer[0];
        });
        r.switchTo(1, 10, 100_000, 0);
        r.map(10, 100_000, 0);
        r.map(11, 100_000 + 2970, 33);
        r.switchTo(2, 500, 9_000_000, 900); // arrived 867 ms later
        assertEquals(0, r.map(500, 9_000_000, 900));
        assertEquals(1, asked[0]);
        assertEquals(100_000 + 2970, asked[1], "from the last source timestamp sent");
        assertEquals(2, asked[2]);
        assertEquals(9_000_000, asked[3]);
        assertEquals(100_000 + 2970 + 2970, r.outputTimestamp(), "capture distance, not 867 ms");
        assertEquals(1, r.alignedSwitches());

        answer[0] = -5000; // the new layer's keyframe was captured before: at least one tick forward
        r.switchTo(1, 12, 0, 950);
        r.map(12, 0, 950);
        assertEquals(100_000 + 2970 + 2970 + 1, r.outputTimestamp());

        answer[0] = TimestampAligner.UNKNOWN; // no reports: wall clock since the last packet
        r.switchTo(2, 501, 1, 1000);
        r.map(501, 1, 1000);
        assertEquals(100_000 + 2970 + 2970 + 1 + 50 * 90, r.outputTimestamp());

        answer[0] = 90000L * 60; // a minute: capped at MAX_ALIGN_S
        r.switchTo(1, 13, 5, 1010);
        r.map(13, 5, 1010);
        assertEquals(100_000 + 2970 + 2970 + 1 + 50 * 90 + 90000L * SequenceRewriter.MAX_ALIGN_S, r.outputTimestamp());
    }
}
