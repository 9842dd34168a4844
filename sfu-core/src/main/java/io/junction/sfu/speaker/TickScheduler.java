package io.junction.sfu.speaker;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A {@link ScheduledExecutorService} and {@link Clock} for {@link DominantSpeakerDetector} that
 * run on the room's worker: tasks never run on their own thread, they wait until the room's
 * tick calls {@link #runDue}, which runs every due task in order on the calling thread. The
 * clock reads the same monotonic milliseconds the room's tick gets. One instance per room,
 * worker thread only: submitting from another thread is not supported.
 *
 * <p>Only what the detector's algorithm uses is implemented: {@code schedule(Runnable, ...)} and
 * {@code execute}; the periodic and callable forms throw. A task runs at most one tick period late.
 */
public final class TickScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    private final LongSupplier nowMs;
    private final PriorityQueue<Task> tasks = new PriorityQueue<>(TickScheduler::order);
    private long sequence;
    private boolean shutdown;

    /** The room's clock as a {@link Clock} (UTC zone; epoch is whatever {@code nowMs} counts from). */
    public final Clock clock;

    /** @param nowMs the room worker's monotonic clock in milliseconds */
    public TickScheduler(LongSupplier nowMs) {
        this.nowMs = nowMs;
        this.clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public long millis() {
                return nowMs.getAsLong();
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(millis());
            }
        };
    }

    private static int order(Task a, Task b) {
        return a.dueMs != b.dueMs ? Long.compare(a.dueMs, b.dueMs) : Long.compare(a.seq, b.seq);
    }

    /** Runs every task due at {@code now} (tasks they schedule for now or earlier included). */
    public void runDue(long now) {
        while (!shutdown && !tasks.isEmpty() && tasks.peek().dueMs <= now) {
            tasks.poll().run.run();
        }
    }

    /** When the earliest waiting task is due, or {@link Long#MAX_VALUE} when none waits. */
    public long nextDueMs() {
        return tasks.isEmpty() ? Long.MAX_VALUE : tasks.peek().dueMs;
    }

    /** Tasks waiting. */
    public int pending() {
        return tasks.size();
    }

    private final class Task implements ScheduledFuture<Object> {
        final long dueMs;
        final long seq = sequence++;
        final Runnable run;
        boolean cancelled;

        Task(long dueMs, Runnable run) {
            this.dueMs = dueMs;
            this.run = run;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueMs - nowMs.getAsLong(), TimeUnit.MILLISECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(getDelay(TimeUnit.MILLISECONDS), o.getDelay(TimeUnit.MILLISECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterrupt) {
            cancelled = tasks.remove(this);
            return cancelled;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return !tasks.contains(this);
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        Task t = new Task(nowMs.getAsLong() + Math.max(0, unit.toMillis(delay)), command);
        if (!shutdown) {
            tasks.add(t);
        }
        return t;
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.MILLISECONDS);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("not used by the detector");
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException("not used by the detector");
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("not used by the detector");
    }

    @Override
    public void shutdown() {
        shutdown = true;
        tasks.clear();
    }

    @Override
    public List<Runnable> shutdownNow() {
        List<Runnable> out = new ArrayList<>();
        tasks.forEach(t -> out.add(t.run));
        shutdown();
        return out;
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return shutdown;
    }
}
