package io.junction.sfu;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HalfOpenLimitTest {
    private static final String A = "192.0.2.1";
    private static final String B = "2001:db8:0:0:0:0:0:1";

    @Test
    void acquiresUpToTheLimitThenRefuses() {
        HalfOpenLimit limit = new HalfOpenLimit(3);
        for (int i = 1; i <= 3; i++) {
            assertTrue(limit.tryAcquire(A).isPresent(), "lease " + i);
            assertEquals(i, limit.count(A));
        }
        assertTrue(limit.tryAcquire(A).isEmpty(), "the fourth is refused");
        assertTrue(limit.tryAcquire(A).isEmpty(), "and stays refused");
        assertEquals(3, limit.count(A), "a refusal takes nothing");
        assertEquals(2, limit.refusals());
    }

    @Test
    void admitsAnswersWithoutTakingASlotAndCountsItsRefusals() {
        HalfOpenLimit limit = new HalfOpenLimit(1);
        assertTrue(limit.admits(A));
        assertTrue(limit.admits(A), "asking takes nothing");
        assertEquals(0, limit.count(A));
        HalfOpenLimit.Lease a = limit.tryAcquire(A).orElseThrow();
        assertFalse(limit.admits(A));
        assertTrue(limit.admits(B), "other sources are admitted");
        assertTrue(limit.admits(null), "a null source is never limited");
        assertEquals(1, limit.refusals());
        a.release();
        assertTrue(limit.admits(A));
        assertEquals(0, limit.sources(), "asking leaves no entry behind");
    }

    @Test
    void releaseFreesASlotAndDoubleReleaseIsHarmless() {
        HalfOpenLimit limit = new HalfOpenLimit(2);
        HalfOpenLimit.Lease first = limit.tryAcquire(A).orElseThrow();
        HalfOpenLimit.Lease second = limit.tryAcquire(A).orElseThrow();
        assertTrue(limit.tryAcquire(A).isEmpty());

        first.release();
        assertTrue(first.isReleased());
        assertEquals(1, limit.count(A));
        first.release();
        first.release();
        assertEquals(1, limit.count(A), "a second release of the same lease frees nothing more");

        HalfOpenLimit.Lease third = limit.tryAcquire(A).orElseThrow();
        assertTrue(limit.tryAcquire(A).isEmpty(), "released twice still frees only one slot");
        second.release();
        third.release();
        assertEquals(0, limit.count(A));
    }

    @Test
    void otherSourcesAreUnaffected() {
        HalfOpenLimit limit = new HalfOpenLimit(1);
        HalfOpenLimit.Lease a = limit.tryAcquire(A).orElseThrow();
        assertTrue(limit.tryAcquire(A).isEmpty());
        HalfOpenLimit.Lease b = limit.tryAcquire(B).orElseThrow();
        assertEquals(1, limit.count(A));
        assertEquals(1, limit.count(B));
        assertEquals(2, limit.total());
        assertEquals(2, limit.sources());
        a.release();
        assertEquals(0, limit.count(A));
        assertEquals(1, limit.count(B), "releasing A's lease leaves B's");
        b.release();
    }

    @Test
    void theMapIsEmptyOnceEveryLeaseIsReleased() {
        HalfOpenLimit limit = new HalfOpenLimit(4);
        List<HalfOpenLimit.Lease> leases = new ArrayList<>();
        for (int s = 0; s < 100; s++) {
            for (int i = 0; i < 4; i++) {
                leases.add(limit.tryAcquire("198.51.100." + s).orElseThrow());
            }
        }
        assertEquals(100, limit.sources());
        assertEquals(400, limit.total());
        leases.forEach(HalfOpenLimit.Lease::release);
        leases.forEach(HalfOpenLimit.Lease::release);
        assertEquals(0, limit.sources(), "no entry left behind");
        assertEquals(0, limit.total());
    }

    @Test
    void aNullSourceIsNeverLimitedNorCounted() {
        HalfOpenLimit limit = new HalfOpenLimit(1);
        List<HalfOpenLimit.Lease> leases = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            leases.add(limit.tryAcquire(null).orElseThrow());
        }
        assertEquals(0, limit.total());
        assertEquals(0, limit.sources());
        leases.forEach(HalfOpenLimit.Lease::release);
        assertEquals(0, limit.refusals());
        assertTrue(limit.tryAcquire(A).isPresent(), "unlimited leases never used A's slot");
    }

    @Test
    void concurrentAcquireAndReleaseNeverExceedTheLimitAndLeaveNothing() throws Exception {
        HalfOpenLimit limit = new HalfOpenLimit(3);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String source = t % 2 == 0 ? A : B;
                done.add(pool.submit(() -> {
                    start.await();
                    int granted = 0;
                    for (int i = 0; i < 20_000; i++) {
                        var lease = limit.tryAcquire(source);
                        if (lease.isPresent()) {
                            granted++;
                            int now = limit.count(source);
                            if (now > 3) {
                                throw new AssertionError(source + " holds " + now + " > 3");
                            }
                            lease.get().release();
                            lease.get().release();
                        }
                    }
                    return granted;
                }));
            }
            start.countDown();
            int granted = 0;
            for (Future<Integer> f : done) {
                granted += f.get(60, TimeUnit.SECONDS);
            }
            assertTrue(granted > 0);
            assertEquals(0, limit.total());
            assertEquals(0, limit.sources());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLimitBelowOneIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new HalfOpenLimit(0));
        assertFalse(new HalfOpenLimit(1).tryAcquire(A).isEmpty());
    }
}
