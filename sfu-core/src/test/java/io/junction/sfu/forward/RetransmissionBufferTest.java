package io.junction.sfu.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.junction.rtp.BufferPool;
import io.junction.rtp.PacketBuffer;
import io.junction.rtp.RtpHeader;
import org.junit.jupiter.api.Test;

class RetransmissionBufferTest {
    private final BufferPool pool = new BufferPool(256, 1600, 64, true);

    private PacketBuffer pkt(int seq) {
        return Packets.rtp(pool, 96, seq, seq * 10L, 0xABCDL, new byte[] {1, 2, 3}, 0);
    }

    @Test
    void storesOnceAcrossWrapAndReturnsBySeq() {
        RetransmissionBuffer rb = new RetransmissionBuffer(16, 1000);
        for (int seq : new int[] {65530, 65531, 65532, 65533, 65535, 0, 1, 2}) { // 65534 lost
            assertTrue(rb.store(pkt(seq), seq, 0));
        }
        PacketBuffer b = rb.get(65535, 10);
        assertNotNull(b);
        assertEquals(65535, RtpHeader.sequenceNumber(b.array(), b.offset()));
        assertEquals(2, RtpHeader.sequenceNumber(rb.get(2, 10).array(), rb.get(2, 10).offset()));
        assertNull(rb.get(65534, 10), "never stored");
        assertNull(rb.get(3, 10), "not yet received");
        PacketBuffer late = pkt(65534);
        assertTrue(rb.store(late, 65534, 20), "late packet within the window is stored");
        assertSame(late, rb.get(65534, 20));
        assertEquals(9, pool.outstanding());
        rb.close();
        assertEquals(0, pool.outstanding(), "close releases each stored buffer exactly once");
        pool.assertNoLeaks();
    }

    @Test
    void duplicatesAndTooOldAreRefusedAndStayWithTheCaller() {
        RetransmissionBuffer rb = new RetransmissionBuffer(16, 1000);
        assertTrue(rb.store(pkt(100), 100, 0));
        PacketBuffer dup = pkt(100);
        assertFalse(rb.store(dup, 100, 1));
        assertTrue(rb.store(pkt(200), 200, 2));
        PacketBuffer old = pkt(184);
        assertFalse(rb.store(old, 184, 3), "200 - 16 is outside the window");
        assertEquals(2, rb.refused());
        dup.release();
        old.release();
        assertNull(rb.get(100, 3), "evicted when the window moved");
        assertEquals(1, pool.outstanding(), "evicted buffer went back to the pool");
        rb.close();
        pool.assertNoLeaks();
    }

    @Test
    void slotReuseAndAgeRelease() {
        RetransmissionBuffer rb = new RetransmissionBuffer(16, 100);
        for (int s = 0; s < 100; s++) {
            rb.store(pkt(s), s, s);
        }
        assertEquals(16, pool.outstanding(), "only the window is held");
        assertNull(rb.get(83, 100));
        assertNotNull(rb.get(84, 100));
        assertNull(rb.get(84, 185), "older than 100 ms");
        rb.expire(190);
        assertEquals(10, rb.size(), "seqs 90..99 (stored at 90..99 ms) are at most 100 ms old at 190");
        rb.expire(1000);
        assertEquals(0, pool.outstanding());
        rb.close();
        pool.assertNoLeaks();
    }

    @Test
    void expireWalksFromTheOldestAndPicksUpLatePackets() {
        RetransmissionBuffer rb = new RetransmissionBuffer(64, 100);
        for (int s = 0; s < 40; s++) {
            if (s % 7 != 3) { // some lost: empty slots on the way
                rb.store(pkt(s), s, s);
            }
        }
        int held = rb.size();
        rb.expire(120); // stored at 0..19 are older than 100 ms
        assertEquals(held - 17, rb.size(), "seqs 0..19 without the lost 3, 10, 17 released");
        assertNotNull(rb.get(20, 120));
        assertTrue(rb.store(pkt(10), 10, 121), "a late packet behind the expired part");
        rb.expire(200);
        assertEquals(18, rb.size(), "the walk stops at the young late packet; the older ones behind it wait");
        assertNotNull(rb.get(10, 200), "the late packet is 79 ms old: kept");
        assertNull(rb.get(20, 200), "too old: never returned, even while still held");
        rb.expire(222);
        assertNull(rb.get(10, 222));
        assertEquals(0, rb.size(), "all older than 100 ms at 222 (the late one at 121 included)");
        assertEquals(0, pool.outstanding());
    }

    @Test
    void bigJumpReleasesEverything() {
        RetransmissionBuffer rb = new RetransmissionBuffer(16, 1000);
        for (int s = 0; s < 10; s++) {
            rb.store(pkt(s), s, 0);
        }
        rb.store(pkt(20000), 20000, 1);
        assertEquals(1, pool.outstanding());
        rb.close();
        pool.assertNoLeaks();
    }

    @Test
    void optionsValidated() {
        assertThrows(IllegalArgumentException.class, () -> new RetransmissionBuffer(1000, 1000));
        assertThrows(IllegalArgumentException.class, () -> new RetransmissionBuffer(1024, 0));
    }
}
