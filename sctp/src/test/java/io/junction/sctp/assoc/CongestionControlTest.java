package io.junction.sctp.assoc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The pure parts of the sender: cwnd rules (RFC 9260 §7.2), RTO rules (§6.3.1), the cookie (§5.1.3). */
class CongestionControlTest {

    @ParameterizedTest(name = "cwnd {0}, ssthresh {1}, acked {2}, flight {3}, cum {4} -> {5}")
    @CsvSource({
            // slow start: + min(acked, MTU) when the window was in use
            "4404, 100000, 2400, 4404, true, 5604",
            "4404, 100000, 500, 4404, true, 4904",
            // not in use (application-limited): no growth
            "4404, 100000, 2400, 1000, true, 4404",
            // the cumulative ack did not move: no growth (§7.2.1)
            "4404, 100000, 2400, 4404, false, 4404",
    })
    void slowStart(long cwnd, long ssthresh, long acked, long flight, boolean cum, long expected) {
        CongestionControl cc = at(cwnd, ssthresh);
        cc.onAck(acked, flight, cum);
        assertEquals(expected, cc.cwnd());
    }

    /** Brings a fresh controller to the given window by slow start and one fast retransmit. */
    private static CongestionControl at(long cwnd, long ssthresh) {
        CongestionControl cc = new CongestionControl(1200);
        cc.start(ssthresh);
        while (cc.cwnd() < cwnd) {
            cc.onAck(Math.min(1200, cwnd - cc.cwnd()), cc.cwnd(), true);
        }
        assertEquals(cwnd, cc.cwnd());
        return cc;
    }

    @Test
    void congestionAvoidanceGrowsOneMtuPerWindow() {
        CongestionControl cc = new CongestionControl(1200);
        cc.start(4404);
        cc.onAck(1200, 4404, true); // cwnd 4404 <= ssthresh 4404: slow start once more
        assertEquals(5604, cc.cwnd());
        long before = cc.cwnd();
        cc.onAck(3000, before, true);
        assertEquals(before, cc.cwnd(), "partial bytes acked 3000 < cwnd");
        cc.onAck(3000, before, true);
        assertEquals(before + 1200, cc.cwnd(), "6000 >= cwnd: one MTU more");
    }

    @Test
    void fastRecoveryHalvesOnceAndExitsAtItsPoint() {
        CongestionControl cc = at(20_000, 100_000);
        cc.onFastRetransmit(500);
        assertTrue(cc.inFastRecovery());
        assertEquals(10_000, cc.cwnd());
        cc.onFastRetransmit(600);
        assertEquals(10_000, cc.cwnd(), "no second halving inside one recovery");
        cc.onAck(5000, 10_000, true);
        assertEquals(10_000, cc.cwnd(), "no growth in fast recovery");
        cc.onCumAck(499);
        assertTrue(cc.inFastRecovery());
        cc.onCumAck(500);
        assertFalse(cc.inFastRecovery());
        cc.onFastRetransmit(900);
        assertEquals(5000, cc.cwnd());
        cc.onCumAck(900);
        cc.onFastRetransmit(1000);
        assertEquals(4800, cc.cwnd(), "ssthresh floor 4 * MTU");
    }

    @Test
    void t3CollapsesToOneMtu() {
        CongestionControl cc = at(30_000, 100_000);
        cc.onT3Expiry();
        assertEquals(1200, cc.cwnd());
        assertEquals(15_000, cc.ssthresh());
    }

    @Test
    void rtoFollowsTheRfcFormulas() {
        Rto r = new Rto(1000, 200, 60_000);
        assertEquals(1000, r.current(), "RTO.Initial");
        r.sample(100);
        assertEquals(300, r.current(), "C2: SRTT 100 + 4 * RTTVAR 50");
        r.sample(100);
        assertEquals(250, r.current(), "C3: RTTVAR 37.5, SRTT 100");
        r.sample(10);
        assertTrue(r.current() >= 200, "RTO.Min");
        r.backOff();
        r.backOff();
        assertEquals(4 * Math.max(200, r.current() / 4), r.current());
        for (int i = 0; i < 20; i++) {
            r.backOff();
        }
        assertEquals(60_000, r.current(), "RTO.Max");
    }

    @Test
    void cookieIsSignedAndAges() {
        CookieJar jar = new CookieJar(new SplittableRandom(1), 60_000);
        byte[] b = new byte[CookieJar.LENGTH + 4];
        CookieJar.Contents c = new CookieJar.Contents(5_000, 0xdeadbeefL, 0x12345678L, 7, 9, 65536, 10, 20, 3);
        assertEquals(CookieJar.LENGTH, jar.write(b, 4, c));
        assertEquals(c, CookieJar.read(b, 4));
        assertEquals(CookieJar.Verdict.OK, jar.verify(b, 4, CookieJar.LENGTH, 65_000));
        assertEquals(CookieJar.Verdict.STALE, jar.verify(b, 4, CookieJar.LENGTH, 65_001));
        assertEquals(1, jar.staleness(b, 4, 65_001));
        assertEquals(CookieJar.Verdict.MALFORMED, jar.verify(b, 4, CookieJar.LENGTH - 1, 6_000));
        CookieJar other = new CookieJar(new SplittableRandom(2), 60_000);
        assertEquals(CookieJar.Verdict.FORGED, other.verify(b, 4, CookieJar.LENGTH, 6_000), "another key");
        for (int i = 0; i < CookieJar.LENGTH; i++) {
            b[4 + i] ^= 0x01;
            assertEquals(CookieJar.Verdict.FORGED, jar.verify(b, 4, CookieJar.LENGTH, 6_000), "bit flip at " + i);
            b[4 + i] ^= 0x01;
        }
    }
}
