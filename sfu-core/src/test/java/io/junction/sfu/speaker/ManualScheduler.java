package io.junction.sfu.speaker;

import java.time.Clock;

/**
 * A {@link TickScheduler} on a clock driven by the test: {@link #advanceTo} moves the clock task
 * by task and runs every task that is due, in order, on the calling thread (tasks scheduled while
 * running included); the clock reads each task's due time while it runs.
 */
final class ManualScheduler {
    private long nowMs;
    final TickScheduler scheduler = new TickScheduler(() -> nowMs);
    final Clock clock = scheduler.clock;

    ManualScheduler(long startMs) {
        nowMs = startMs;
    }

    long nowMs() {
        return nowMs;
    }

    void advanceTo(long ms) {
        for (long due = scheduler.nextDueMs(); due <= ms; due = scheduler.nextDueMs()) {
            nowMs = Math.max(nowMs, due);
            scheduler.runDue(nowMs);
        }
        nowMs = ms;
    }
}
