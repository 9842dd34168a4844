package io.junction.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BufferPoolTest {

    @Test
    void defaultSizing() {
        BufferPool pool = new BufferPool(4);
        PacketBuffer b = pool.acquire();
        assertEquals(64 + 1500 + 64, b.capacity());
        assertEquals(64, b.offset());
        assertEquals(64, b.headroom());
        assertEquals(0, b.length());
        assertEquals(1500 + 64, b.tailroom());
        b.setLength(1200);
        assertEquals(1500 + 64 - 1200, b.tailroom());
        b.setOffset(10);
        assertEquals(10, b.headroom());
        assertThrows(IndexOutOfBoundsException.class, () -> b.setLength(b.capacity()));
        assertThrows(IndexOutOfBoundsException.class, () -> b.setOffset(-1));
        pool.release(b);
        PacketBuffer again = pool.acquire();
        assertSame(b, again);
        assertEquals(64, again.offset(), "reset on acquire");
        assertEquals(0, again.length());
        pool.release(again);
    }

    @Test
    void boundedAndCounted() {
        BufferPool pool = new BufferPool(2);
        PacketBuffer a = pool.acquire();
        PacketBuffer b = pool.acquire();
        assertNotSame(a, b);
        assertEquals(2, pool.outstanding());
        assertNull(pool.tryAcquire());
        assertThrows(IllegalStateException.class, pool::acquire);
        a.release();
        assertEquals(1, pool.outstanding());
        pool.release(b);
        assertEquals(0, pool.outstanding());
        assertEquals(2, pool.created());
        pool.assertNoLeaks();
    }

    @Test
    void doubleReleaseThrows() {
        BufferPool pool = new BufferPool(2);
        PacketBuffer a = pool.acquire();
        pool.release(a);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.release(a));
        assertTrue(e.getMessage().contains("double release"));
        assertEquals(0, pool.outstanding());
    }

    @Test
    void foreignBufferRejected() {
        BufferPool p1 = new BufferPool(1);
        BufferPool p2 = new BufferPool(1);
        PacketBuffer a = p1.acquire();
        assertThrows(IllegalArgumentException.class, () -> p2.release(a));
        p1.release(a);
    }

    @Test
    void leakDetectionNamesTheAcquirer() {
        BufferPool pool = new BufferPool(4, 256, 16, true);
        PacketBuffer kept = acquireAndForget(pool);
        PacketBuffer returned = pool.acquire();
        pool.release(returned);
        assertEquals(1, pool.leakReport().size());
        assertTrue(pool.leakReport().get(0).contains("acquireAndForget"), pool.leakReport().get(0));
        IllegalStateException e = assertThrows(IllegalStateException.class, pool::assertNoLeaks);
        assertTrue(e.getMessage().startsWith("1 buffer(s) not released"));
        assertTrue(e.getMessage().contains("acquireAndForget"));
        pool.release(kept);
        pool.assertNoLeaks();
        assertTrue(pool.leakReport().isEmpty());
    }

    private static PacketBuffer acquireAndForget(BufferPool pool) {
        return pool.acquire();
    }

    @Test
    void optionsValidated() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BufferPool(0));
        assertTrue(e.getMessage().contains("maxBuffers"));
        e = assertThrows(IllegalArgumentException.class, () -> new BufferPool(1, 0, 0, false));
        assertTrue(e.getMessage().contains("bufferCapacity"));
        e = assertThrows(IllegalArgumentException.class, () -> new BufferPool(1, 100, 101, false));
        assertTrue(e.getMessage().contains("headroom"));
    }

    @Test
    void concurrentAcquireOnOneThreadReleaseOnAnother() throws Exception {
        BufferPool pool = new BufferPool(64, 128, 16, false);
        int n = 200_000;
        BlockingQueue<PacketBuffer> handoff = new ArrayBlockingQueue<>(32);
        AtomicInteger acquired = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            runProducerConsumer(pool, n, handoff, acquired, threads);
        } finally {
            threads.shutdownNow();
        }
    }

    private static void runProducerConsumer(BufferPool pool, int n, BlockingQueue<PacketBuffer> handoff,
            AtomicInteger acquired, ExecutorService threads) throws Exception {
        CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; i < n; i++) {
                    PacketBuffer b;
                    while ((b = pool.tryAcquire()) == null) {
                        Thread.onSpinWait();
                    }
                    b.array()[b.offset()] = (byte) i;
                    b.setLength(1);
                    acquired.incrementAndGet();
                    handoff.put(b);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }, threads);
        CompletableFuture<Integer> consumer = CompletableFuture.supplyAsync(() -> {
            int mismatches = 0;
            try {
                for (int i = 0; i < n; i++) {
                    PacketBuffer b = handoff.poll(30, TimeUnit.SECONDS);
                    if (b == null || b.array()[b.offset()] != (byte) i) {
                        mismatches++;
                    }
                    if (b != null) {
                        pool.release(b);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return mismatches;
        }, threads);
        producer.get(60, TimeUnit.SECONDS);
        assertEquals(0, consumer.get(60, TimeUnit.SECONDS));
        assertEquals(n, acquired.get());
        assertEquals(0, pool.outstanding());
        assertTrue(pool.created() <= 64);
        pool.assertNoLeaks();
    }
}
