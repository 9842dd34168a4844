package io.junction.ice;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.ice4j.util.PeriodicRunnable;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PeriodicTaskReaperTest {
    static {
        System.setProperty("ice4j.harvest.mapping.aws.enabled", "false");
    }

    /** A periodic task of our own on the same ice4j base class, every 5 ms, counting its runs. */
    private static final class Ticker extends PeriodicRunnable {
        final AtomicInteger runs = new AtomicInteger();

        Ticker(ScheduledExecutorService timer, ExecutorService executor) {
            super(timer, executor);
        }

        @Override
        protected Duration getDelayUntilNextRun() {
            return Duration.ofMillis(5);
        }

        @Override
        protected void run() {
            runs.incrementAndGet();
        }
    }

    @Test
    void aTaskRunningAgainAfterItsCancelIsStoppedAndCounted() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Ticker t = new Ticker(timer, executor);
            t.schedule();
            t.cancel();
            assertFalse(PeriodicTaskReaper.isRunning(t));
            t.schedule(); // what the lost race leaves behind: running again after its cancel
            awaitRuns(t, 3);
            assertTrue(PeriodicTaskReaper.isRunning(t));

            assertEquals(1, PeriodicTaskReaper.reap(Set.of(t)));
            // reap() is cancel() again, which can lose the same race against a run in flight (seen on a
            // loaded machine); the transport reaps again later (REAP_AFTER_FREE_MS), as this loop does.
            int rounds = 1;
            executor.submit(() -> { }).get(5, TimeUnit.SECONDS);
            while (PeriodicTaskReaper.isRunning(t) && rounds < 4) {
                assertEquals(1, PeriodicTaskReaper.reap(Set.of(t)));
                rounds++;
                executor.submit(() -> { }).get(5, TimeUnit.SECONDS);
            }
            assertFalse(PeriodicTaskReaper.isRunning(t), "still running after " + rounds + " reaps");
            assertEquals(0, PeriodicTaskReaper.reap(Set.of(t)), "reaping a stopped task is a no-op");
            // Stopped for good: a run already submitted may still finish, nothing is scheduled after it.
            executor.submit(() -> { }).get(5, TimeUnit.SECONDS);
            int after = t.runs.get();
            timer.schedule(() -> { }, 50, TimeUnit.MILLISECONDS).get(5, TimeUnit.SECONDS);
            executor.submit(() -> { }).get(5, TimeUnit.SECONDS);
            assertTrue(t.runs.get() <= after + 1, "runs after reaping: " + (t.runs.get() - after));
        } finally {
            timer.shutdownNow();
            executor.shutdownNow();
        }
    }

    /** The pinned ice4j still keeps its pace makers and keep-alive where the reaper reads them (client agents). */
    @Test
    void theReaperSeesIce4jsPaceMakerAndNothingRunsAfterClose() throws Exception {
        try (IcePort port = new IcePort(IceConfig.builder().bindAddress("127.0.0.1").port(0)
                .announcedAddresses(List.of("127.0.0.1")).build())) {
            RecordingListener sl = new RecordingListener();
            RecordingListener cl = new RecordingListener();
            IceTransport server = port.createServerTransport(sl);
            AgentTransport client = (AgentTransport) IceTransport.createClient("127.0.0.1", cl,
                    Duration.ofSeconds(10), Duration.ofSeconds(30));
            IceLoopbackTest.connect(server, client);
            sl.connected.get(10, TimeUnit.SECONDS);
            cl.connected.get(10, TimeUnit.SECONDS);
            assertEquals(1, client.reaper().paceMakersSeen(), "the client agent's pace maker was found");

            client.close();
            server.close();
            assertEquals(2, client.reaper().tasksNoted(), "pace maker and keep-alive runner noted before free");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (client.reaper().running() > 0) {
                assertTrue(System.nanoTime() < deadline, "ice4j tasks still running after close: client "
                        + client.reaper().running());
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            }
        }
    }

    private static void awaitRuns(Ticker t, int n) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (t.runs.get() < n) {
            assertTrue(System.nanoTime() < deadline, "only " + t.runs.get() + " runs");
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
    }
}
