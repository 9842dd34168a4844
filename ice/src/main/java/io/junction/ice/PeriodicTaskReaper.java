package io.junction.ice;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.ice4j.ice.Agent;
import org.ice4j.util.PeriodicRunnable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops ice4j periodic tasks that outlive their agent.
 *
 * <p>ice4j 3.2's {@code PeriodicRunnable.cancel()} can lose against a run already in flight on the
 * JVM-wide agent executor: the run finishes, finds no pending future (cancel cleared it) and schedules
 * itself again, now marked running for good. A connectivity-check {@code PaceMaker} that escapes
 * {@code Agent.free()} this way fires every Ta (20 ms, RFC 8445 §14.2) for the life of the JVM, and each
 * one keeps a thread of ice4j's cached agent executor from idling out (seen in a churn soak: about one
 * agent in 250, 54 extra threads after 52,000 sessions). The agent's pace makers are read once checks
 * start and again before it is freed, its keep-alive runner before it is freed; {@link #reap} then cancels
 * every one still running. Cancelling a
 * stopped task is a no-op, so reaping twice is harmless.
 *
 * <p>One instance per {@link IceTransport}. ice4j keeps these objects in private fields; they are read by reflection (ice4j is pinned; a test
 * fails if the fields move). Should they be missing, this logs one warning and does nothing.
 */
final class PeriodicTaskReaper {
    private static final Logger LOG = LoggerFactory.getLogger(PeriodicTaskReaper.class);
    private static final AtomicBoolean WARNED = new AtomicBoolean();
    private static final long[] REAP_AFTER_FREE_MS = {100, 1_000, 5_000, 15_000};

    private final Agent agent;
    private final Set<PeriodicRunnable> paceMakers = ConcurrentHashMap.newKeySet();
    private final Set<PeriodicRunnable> all = ConcurrentHashMap.newKeySet();
    private final AtomicInteger reaped = new AtomicInteger();

    PeriodicTaskReaper(Agent agent) {
        this.agent = agent;
        recordPaceMakers();
    }

    /**
     * ice4j creates a pace maker whenever a check list starts (at start, or later when checks arrive
     * or a frozen list thaws) and keeps it only until it stops it: the client's queue is swapped for one
     * that also notes each pace maker here, so none escapes unseen.
     */
    private void recordPaceMakers() {
        try {
            Object client = read(Agent.class, "connCheckClient", agent);
            Field f = client.getClass().getDeclaredField("paceMakers");
            f.setAccessible(true);
            Set<PeriodicRunnable> seen = paceMakers;
            java.util.Queue<Object> recording = new java.util.concurrent.ConcurrentLinkedQueue<>() {
                private static final long serialVersionUID = 1L;

                @Override
                public boolean offer(Object o) {
                    if (o instanceof PeriodicRunnable r) {
                        seen.add(r);
                    }
                    return super.offer(o);
                }
            };
            synchronized (f.get(client)) { // ice4j adds under the queue's own lock
                recording.addAll((Collection<?>) f.get(client));
                f.set(client, recording);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            warnOnce(e);
        }
    }

    /** Right after {@code startConnectivityEstablishment()}: note the pace maker. */
    void afterStart() {
        paceMakers.addAll(paceMakersOf(agent));
    }

    /** Periodically while connected: once the agent has terminated, no pace maker may still run. */
    void whileConnected() {
        if (agent.getState() == org.ice4j.ice.IceProcessingState.TERMINATED) {
            count(reap(paceMakers));
        }
    }

    /** Right before {@code Agent.free()}: note every periodic task the agent has. */
    void beforeFree() {
        paceMakers.addAll(paceMakersOf(agent));
        all.addAll(paceMakers);
        all.addAll(keepAliveOf(agent));
    }

    /**
     * After {@code Agent.free()}: a task that lost its race reschedules itself within one period (Ta,
     * 20 ms; the keep-alive a few seconds), and cancelling it again can lose the same race, so look
     * several times, further and further apart. The looks run on the JDK's delayed executor, not on
     * the transport's timer: that timer is shut down (dropping what it holds) when its port closes
     * or its last client goes, which is exactly when the last agents are freed.
     */
    void afterFree() {
        for (long ms : REAP_AFTER_FREE_MS) {
            java.util.concurrent.CompletableFuture.delayedExecutor(ms, TimeUnit.MILLISECONDS)
                    .execute(() -> count(reap(all)));
        }
    }

    /** Tasks that were still running after ice4j stopped them, and were stopped here. */
    int reaped() {
        return reaped.get();
    }

    /** Noted tasks that ice4j still considers running. */
    long running() {
        return all.isEmpty() ? paceMakers.stream().filter(PeriodicTaskReaper::isRunning).count()
                : all.stream().filter(PeriodicTaskReaper::isRunning).count();
    }

    /** Tasks noted before free (pace makers and keep-alive runner; 0 before). */
    int tasksNoted() {
        return all.size();
    }

    /** Pace makers noted so far (one once checks started). */
    int paceMakersSeen() {
        return paceMakers.size();
    }

    private void count(int n) {
        if (n > 0) {
            reaped.addAndGet(n);
            LOG.debug("ICE agent {}: stopped {} ice4j task(s) that escaped their cancel", agent.getLocalUfrag(), n);
        }
    }

    /**
     * The agent's connectivity-check pace makers now. ice4j stops them all when the agent terminates
     * (and never starts one after), so one still running after that has escaped.
     */
    static List<PeriodicRunnable> paceMakersOf(Agent agent) {
        List<PeriodicRunnable> out = new ArrayList<>(1);
        try {
            Object client = read(Agent.class, "connCheckClient", agent);
            if (client != null) {
                Object paceMakers = read(client.getClass(), "paceMakers", client);
                if (paceMakers instanceof Collection<?> c) {
                    for (Object p : c.toArray()) {
                        out.add((PeriodicRunnable) p);
                    }
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            warnOnce(e);
        }
        return out;
    }

    /**
     * The agent's consent keep-alive runner (RFC 7675), or none. It runs for the whole session, so it is
     * only reaped once the agent has been freed.
     */
    static List<PeriodicRunnable> keepAliveOf(Agent agent) {
        try {
            Object keepAlive = read(Agent.class, "stunKeepAliveRunner", agent);
            return keepAlive instanceof PeriodicRunnable r ? List.of(r) : List.of();
        } catch (ReflectiveOperationException | RuntimeException e) {
            warnOnce(e);
            return List.of();
        }
    }

    /** Cancels each task that is still running; returns how many were. */
    static int reap(Collection<PeriodicRunnable> tasks) {
        int stopped = 0;
        for (PeriodicRunnable t : tasks) {
            if (isRunning(t)) {
                t.cancel();
                stopped++;
            }
        }
        return stopped;
    }

    /** Whether ice4j still considers the task scheduled. */
    static boolean isRunning(PeriodicRunnable task) {
        try {
            return (boolean) read(PeriodicRunnable.class, "running", task);
        } catch (ReflectiveOperationException | RuntimeException e) {
            warnOnce(e);
            return false;
        }
    }

    private static Object read(Class<?> type, String name, Object target) throws ReflectiveOperationException {
        Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(target);
    }

    private static void warnOnce(Exception e) {
        if (WARNED.compareAndSet(false, true)) {
            LOG.warn("cannot read ice4j's periodic tasks; tasks escaping Agent.free() will not be stopped", e);
        }
    }
}
