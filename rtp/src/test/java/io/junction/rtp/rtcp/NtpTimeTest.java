package io.junction.rtp.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NtpTimeTest {

    @Test
    void unixConversions() {
        assertEquals(NtpTime.UNIX_EPOCH_OFFSET_SECONDS << 32, NtpTime.fromUnixMicros(0));
        long ntp = NtpTime.fromUnixMicros(1_700_000_000_500_000L);
        assertEquals(1_700_000_000L + NtpTime.UNIX_EPOCH_OFFSET_SECONDS, ntp >>> 32);
        assertEquals(0x8000_0000L, ntp & 0xFFFF_FFFFL, "half a second");
        long back = NtpTime.toUnixMicros(ntp);
        assertEquals(1_700_000_000_500_000L, back);
        long odd = 1_700_000_000_123_457L;
        assertTrue(Math.abs(NtpTime.toUnixMicros(NtpTime.fromUnixMicros(odd)) - odd) <= 1);
    }

    @Test
    void rttFromReportBlock() {
        long srSent = NtpTime.fromUnixMicros(10_000_000_000L);
        long lsr = NtpTime.middle32(srSent);
        long dlsr = 65536 / 2; // receiver held the SR for 0.5 s
        long arrival = NtpTime.middle32(NtpTime.fromUnixMicros(10_000_000_000L + 500_000 + 40_000));
        long rtt = NtpTime.rttMicros(arrival, lsr, dlsr);
        assertTrue(Math.abs(rtt - 40_000) <= 32, "rtt " + rtt);
        assertEquals(-1, NtpTime.rttMicros(arrival, 0, dlsr), "no SR seen");
        assertEquals(-1, NtpTime.rttMicros(lsr, lsr, dlsr), "negative");
    }
}
