package io.junction.sfu;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class HandshakePoolTest {

    @Test
    void runsAtMostItsThreadsQueuesTheRestAndRejectsBeyondTheQueue() throws Exception {
        ThreadPoolExecutor pool = HandshakePool.create(3, Duration.ofSeconds(30), 2);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(3);
        CountDownLatch finished = new CountDownLatch(5);
        try {
            for (int i = 0; i < 5; i++) {
                pool.execute(() -> {
                    started.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    finished.countDown();
                });
            }
            assertTrue(started.await(5, TimeUnit.SECONDS), "three handshakes run at once");
            assertEquals(3, pool.getPoolSize(), "no more threads than allowed");
            assertEquals(2, pool.getQueue().size(), "the others wait");
            assertThrows(RejectedExecutionException.class, () -> pool.execute(() -> { }), "queue full");
            release.countDown();
            assertTrue(finished.await(5, TimeUnit.SECONDS), "queued handshakes ran");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void idleThreadsEnd() throws Exception {
        ThreadPoolExecutor pool = HandshakePool.create(4, Duration.ofMillis(50), 16);
        try {
            assertEquals(0, pool.getPoolSize(), "no thread before the first handshake");
            CountDownLatch done = new CountDownLatch(4);
            CountDownLatch together = new CountDownLatch(4);
            for (int i = 0; i < 4; i++) {
                pool.execute(() -> {
                    together.countDown();
                    try {
                        together.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    done.countDown();
                });
            }
            assertTrue(done.await(5, TimeUnit.SECONDS));
            assertTrue(pool.getLargestPoolSize() == 4, "four threads ran at once");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (pool.getPoolSize() > 0) {
                if (System.nanoTime() > deadline) {
                    fail("idle threads still alive: " + pool.getPoolSize());
                }
                TimeUnit.MILLISECONDS.sleep(10);
            }
            assertEquals(0, pool.getPoolSize());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sequentialHandshakesReuseOneThread() throws Exception {
        ThreadPoolExecutor pool = HandshakePool.create(8, Duration.ofSeconds(30), 16);
        try {
            for (int i = 0; i < 20; i++) {
                CountDownLatch done = new CountDownLatch(1);
                pool.execute(done::countDown);
                assertTrue(done.await(5, TimeUnit.SECONDS));
                waitIdle(pool);
            }
            assertEquals(1, pool.getLargestPoolSize(), "a free thread takes the next handshake; none is started");
        } finally {
            pool.shutdownNow();
        }
    }

    private static void waitIdle(ThreadPoolExecutor pool) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (pool.getActiveCount() > 0) {
            if (System.nanoTime() > deadline) {
                fail("thread still busy");
            }
            TimeUnit.MILLISECONDS.sleep(1);
        }
    }

    @Test
    void defaultPoolIsBoundedAndShrinks() {
        ThreadPoolExecutor pool = HandshakePool.create(SfuOptions.DEFAULT_HANDSHAKE_THREADS);
        try {
            assertEquals(SfuOptions.DEFAULT_HANDSHAKE_THREADS, pool.getMaximumPoolSize());
            assertEquals(0, pool.getCorePoolSize(), "every thread ends when idle");
            assertEquals(HandshakePool.QUEUE, pool.getQueue().remainingCapacity());
        } finally {
            pool.shutdownNow();
        }
    }
}
