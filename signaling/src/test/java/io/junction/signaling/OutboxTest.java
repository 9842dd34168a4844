package io.junction.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class OutboxTest {
    /** A wire whose sends complete only when the test says so. */
    static final class ManualWire implements Outbox.Wire {
        final List<String> started = new ArrayList<>();
        final List<Runnable> pending = new ArrayList<>();
        final List<Consumer<Throwable>> failures = new ArrayList<>();
        String closeReason;
        int closeStatus;

        @Override
        public void sendText(String text, Runnable done, Consumer<Throwable> failed) {
            started.add(text);
            pending.add(done);
            failures.add(failed);
        }

        @Override
        public void close(int status, String reason) {
            closeStatus = status;
            closeReason = reason;
        }

        void completeOldest() {
            failures.remove(0);
            pending.remove(0).run();
        }
    }

    @Test
    void sendsOneFrameAtATimeInOrder() {
        ManualWire wire = new ManualWire();
        Outbox outbox = new Outbox(wire, 10, Runnable::run);
        outbox.send("a");
        outbox.send("b");
        outbox.send("c");
        assertEquals(List.of("a"), wire.started);
        assertEquals(2, outbox.pending());
        wire.completeOldest();
        wire.completeOldest();
        wire.completeOldest();
        assertEquals(List.of("a", "b", "c"), wire.started);
        assertEquals(0, outbox.pending());
    }

    @Test
    void overflowClosesWithProtocolClosedOnTheCloserAndDropsTheRest() {
        ManualWire wire = new ManualWire();
        List<Runnable> deferred = new ArrayList<>();
        Outbox outbox = new Outbox(wire, 2, deferred::add);
        outbox.send("in flight");
        outbox.send("q1");
        outbox.send("q2");
        assertEquals(null, wire.closeReason);
        outbox.send("overflow");
        assertEquals(null, wire.closeReason, "close must not run on the sender's thread");
        assertEquals(1, deferred.size());
        deferred.get(0).run();
        assertEquals(ErrorCodes.PROTOCOL_CLOSED, wire.closeReason);
        assertEquals(Outbox.POLICY_VIOLATION, wire.closeStatus);
        wire.completeOldest();
        outbox.send("late");
        assertEquals(List.of("in flight"), wire.started);
    }

    @Test
    void failedSendStopsTheOutbox() {
        ManualWire wire = new ManualWire();
        Outbox outbox = new Outbox(wire, 10, Runnable::run);
        outbox.send("a");
        outbox.send("b");
        wire.pending.remove(0);
        wire.failures.remove(0).accept(new RuntimeException("gone"));
        outbox.send("c");
        assertEquals(List.of("a"), wire.started);
        assertEquals(0, outbox.pending());
    }

    @Test
    void tokenBucketRefillsWithTheInjectedClock() {
        AtomicLong nanos = new AtomicLong(1_000);
        TokenBucket bucket = new TokenBucket(2, 3, nanos::get);
        assertTrue(bucket.tryTake());
        assertTrue(bucket.tryTake());
        assertTrue(bucket.tryTake());
        assertFalse(bucket.tryTake());
        nanos.addAndGet(499_000_000L);
        assertFalse(bucket.tryTake(), "0.998 token is not a token");
        nanos.addAndGet(1_000_000L);
        assertTrue(bucket.tryTake());
        nanos.addAndGet(60_000_000_000L);
        for (int i = 0; i < 3; i++) {
            assertTrue(bucket.tryTake(), "burst caps the refill");
        }
        assertFalse(bucket.tryTake());
    }
}
