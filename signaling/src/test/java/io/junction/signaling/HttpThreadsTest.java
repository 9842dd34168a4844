package io.junction.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.Test;

class HttpThreadsTest {

    @Test
    void boundedAndSizedByCores() {
        assertEquals(48, HttpThreads.defaultMax(1));
        assertEquals(48, HttpThreads.defaultMax(4));
        assertEquals(56, HttpThreads.defaultMax(8));
        QueuedThreadPool p = HttpThreads.create();
        assertEquals(HttpThreads.defaultMax(Runtime.getRuntime().availableProcessors()), p.getMaxThreads());
        assertEquals(HttpThreads.MIN, p.getMinThreads());
        assertEquals(0, p.getReservedThreads(), "no parked spare threads");
        assertEquals(p.getMaxThreads(), p.getMaxEvictCount(), "idle threads end together");
        assertThrows(IllegalArgumentException.class, () -> HttpThreads.create(HttpThreads.MIN - 1));
    }

    @Test
    void neverRunsMoreThanItsMaximum() throws Exception {
        QueuedThreadPool p = HttpThreads.create(6);
        p.start();
        try {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(20);
            for (int i = 0; i < 20; i++) {
                p.execute(() -> {
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    done.countDown();
                });
            }
            assertTrue(p.getThreads() <= 6, "threads " + p.getThreads());
            release.countDown();
            assertTrue(done.await(10, TimeUnit.SECONDS), "queued tasks ran on the same threads");
        } finally {
            p.stop();
        }
    }
}
