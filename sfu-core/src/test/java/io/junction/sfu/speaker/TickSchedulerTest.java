package io.junction.sfu.speaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link TickScheduler}: tasks run only from {@link TickScheduler#runDue}, in due order. */
class TickSchedulerTest {
    private final long[] now = {1_000};
    private final TickScheduler s = new TickScheduler(() -> now[0]);
    private final List<String> ran = new ArrayList<>();

    @Test
    void runsDueTasksInOrderOnlyWhenTicked() {
        s.schedule((Runnable) () -> ran.add("b"), 300, TimeUnit.MILLISECONDS);
        s.schedule((Runnable) () -> ran.add("a"), 100, TimeUnit.MILLISECONDS);
        s.execute((Runnable) () -> ran.add("now"));
        assertEquals(List.of(), ran, "nothing runs outside the tick");
        s.runDue(now[0]);
        assertEquals(List.of("now"), ran);
        now[0] = 1_250;
        s.runDue(now[0]);
        assertEquals(List.of("now", "a"), ran);
        assertEquals(1, s.pending());
        assertEquals(1_250, s.clock.millis());
        now[0] = 2_000;
        s.runDue(now[0]);
        assertEquals(List.of("now", "a", "b"), ran);
    }

    @Test
    void aTaskThatReschedulesItselfForNowRunsInTheSameTickButNotAFutureOne() {
        s.execute(() -> {
            ran.add("first");
            s.execute((Runnable) () -> ran.add("chained"));
            s.schedule((Runnable) () -> ran.add("later"), 300, TimeUnit.MILLISECONDS);
        });
        s.runDue(now[0]);
        assertEquals(List.of("first", "chained"), ran);
        assertEquals(1, s.pending());
    }

    @Test
    void cancelAndShutdown() {
        ScheduledFuture<?> f = s.schedule((Runnable) () -> ran.add("x"), 10, TimeUnit.MILLISECONDS);
        assertTrue(f.cancel(false));
        assertTrue(f.isCancelled());
        now[0] += 20;
        s.runDue(now[0]);
        assertEquals(List.of(), ran);
        s.schedule((Runnable) () -> ran.add("y"), 10, TimeUnit.MILLISECONDS);
        s.shutdown();
        assertTrue(s.isShutdown());
        s.schedule((Runnable) () -> ran.add("z"), 0, TimeUnit.MILLISECONDS);
        now[0] += 20;
        s.runDue(now[0]);
        assertEquals(List.of(), ran, "nothing runs after shutdown");
        assertFalse(s.pending() > 0);
        assertThrows(UnsupportedOperationException.class,
                () -> s.scheduleAtFixedRate(() -> { }, 0, 1, TimeUnit.MILLISECONDS));
    }
}
