package io.junction.sfu.forward;

import io.junction.rtp.rtcp.NtpTime;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void lossAcrossWrapAndFractionPerInterval() {
        ReceiveStats s = new ReceiveStats(90000);
        for (int seq : new int[] {65534, 65535, 1, 2}) { // 0 lost
            s.onPacket(seq, 0, 0);
        }
        assertEquals(0x10002L, s.extendedHighestSequence(), "one cycle + 2");
        assertEquals(5, s.expected());
        assertEquals(1, s.cumulativeLost());
        assertEquals(1 * 256 / 5, s.takeFractionLost());
        for (int seq = 3; seq <= 6; seq++) {
            s.onPacket(seq, 0, 0);
        }
        assertEquals(0, s.takeFractionLost());
        s.onPacket(6, 0, 0); // duplicate
        s.onPacket(0, 0, 0); // the lost one, very late
        assertEquals(-1, s.cumulativeLost(), "A.3: duplicates can make it negative");
        assertEquals(0, s.takeFractionLost(), "more received than expected reads as 0");
        s.onPacket(17, 0, 0); // 7..16 lost
        assertEquals(10 * 256 / 11, s.takeFractionLost());
    }

    @Test
    void jitterFollowsA8() {
        ReceiveStats s = new ReceiveStats(48000);
        long ts = 0;
        long t = 0;
        for (int i = 0; i < 10; i++) {
            s.onPacket(i, ts, t);
            ts += 960;
            t += 20;
        }
        assertEquals(0, s.jitter(), "constant transit");
        s.onPacket(10, ts, t + 10); // 10 ms late = 480 units: J = 480 / 16
        assertEquals(30, s.jitter());
        s.onPacket(11, ts + 960, t + 20); // back on time: |D| = 480 again
        assertEquals(58, s.jitter(), "30 + (480 - 30) / 16 = 58.125");
    }

    @Test
    void lsrAndDlsr() {
        ReceiveStats s = new ReceiveStats(90000);
        assertEquals(0, s.lastSenderReport());
        assertEquals(0, s.delaySinceLastSenderReport(5));
        long ntp = 0x0123_4567_89AB_CDEFL;
        s.onSenderReport(ntp, 1000);
        assertEquals(0x4567_89ABL, s.lastSenderReport());
        assertEquals(32768, s.delaySinceLastSenderReport(1500), "0.5 s in 1/65536 s");
    }

    @Test
    void rttFromReportBlock() {
        RttEstimator r = new RttEstimator(100);
        assertEquals(100, r.rttMillis(), "initial value");
        long srSent = NtpTime.middle32(NtpTime.fromUnixMillis(1_700_000_000_000L));
        long rrArrival = NtpTime.middle32(NtpTime.fromUnixMillis(1_700_000_000_600L));
        long dlsr = NtpTime.millisToShort(520);
        assertEquals(80, r.onReportBlock(srSent, dlsr, rrArrival));
        assertEquals(80, r.rttMillis());
        assertEquals(-1, r.onReportBlock(0, dlsr, rrArrival), "LSR 0: no SR yet");
        assertEquals(-1, r.onReportBlock(srSent, NtpTime.millisToShort(700), rrArrival), "negative");
        assertEquals(40, r.onReportBlock(0xFFFF_F000L, 0, (0xFFFF_F000L + NtpTime.millisToShort(40)) & 0xFFFFFFFFL),
            "32-bit wrap between LSR and arrival");
        assertEquals(75, r.rttMillis(), "smoothed: 80 + (40 - 80) / 8");
    }

    @Test
    void ntpConversion() {
        assertEquals(2_208_988_800L << 32, NtpTime.fromUnixMillis(0));
        long ms = 1_700_000_000_123L;
        assertTrue(Math.abs(NtpTime.toUnixMillis(NtpTime.fromUnixMillis(ms)) - ms) <= 1, "round trip within 1 ms");
        assertEquals(0x8000_0000L, NtpTime.fromUnixMillis(500) & 0xFFFFFFFFL, "half a second");
        assertEquals(500, NtpTime.shortToMillis(32768));
    }

    @Test
    void sendStats() {
        SendStats s = new SendStats(90000);
        assertFalse(s.hasSent());
        s.onPacketSent(1000, 90000, 1000);
        s.onPacketSent(200, 93000, 1033);
        assertTrue(s.hasSent());
        assertEquals(2, s.packetCount());
        assertEquals(1200, s.octetCount());
        assertEquals(93000 + 67 * 90, s.rtpTimestampAt(1100));
        assertThrows(IllegalArgumentException.class, () -> new SendStats(0));
    }
}
