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

/**
 * A scheduler and clock driven by the test: {@link #advanceTo} moves the clock and runs every
 * task that is due, in order, on the calling thread (tasks scheduled while running included).
 * Only what the code under test uses is supported.
 */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    private long nowMs;
    private long sequence;
    private final PriorityQueue<Task> tasks = new PriorityQueue<>(ManualScheduler::order);
    private boolean shutdown;

    final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(nowMs);
        }

        @Override
        public long millis() {
            return nowMs;
        }
    };

    ManualScheduler(long startMs) {
        nowMs = startMs;
    }

    long nowMs() {
        return nowMs;
    }

    private static int order(Task a, Task b) {
        return a.dueMs != b.dueMs ? Long.compare(a.dueMs, b.dueMs) : Long.compare(a.seq, b.seq);
    }

    void advanceTo(long ms) {
        while (!tasks.isEmpty() && tasks.peek().dueMs <= ms) {
            Task t = tasks.poll();
            nowMs = Math.max(nowMs, t.dueMs);
            t.run.run();
        }
        nowMs = ms;
    }

    int pending() {
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
            return unit.convert(dueMs - nowMs, TimeUnit.MILLISECONDS);
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
        Task t = new Task(nowMs + unit.toMillis(delay), command);
        tasks.add(t);
        return t;
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.MILLISECONDS);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> out = new ArrayList<>();
        tasks.forEach(t -> out.add(t.run));
        tasks.clear();
        return out;
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown && tasks.isEmpty();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return isTerminated();
    }
}
