package io.junction.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static io.junction.client.LoopbackRoom.await;
import static io.junction.client.LoopbackRoom.connect;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Churn soak: participants join, publish and leave (leave, close, or lose the socket) continuously
 * for {@code junction.soak.seconds} (20 by default; the documented long profile is 1200); then no
 * room or transport is left and threads, open file descriptors, pooled buffers and the heap
 * after GC return to their baseline within a deadline.
 */
class SfuRoomSoakTest {
    private static final int SLOTS = 6;
    private static final String[] ROOMS = {"soak-a", "soak-b"};
    /**
     * Allowed growth, independent of the number of joins: bounded pools that shrink only after
     * 60 s idle (ice4j's shared executors, Jetty's thread pool, DTLS handshake threads) keep the
     * threads the busiest moment needed; 20 s of churn leaves about 14 of them.
     */
    private static final int THREAD_SLACK = 32;
    /**
     * Long runs (120 s and more) wait out those idle timeouts (up to 150 s), so only a few threads
     * may stay: what stays beyond this leaked.
     */
    private static final int LONG_RUN_THREAD_SLACK = 8;
    /** Test clients' sockets and selectors also close only when their HttpClient is collected. */
    private static final int FD_SLACK = 32;
    private static final long HEAP_SLACK = 64L << 20;
    private LoopbackRoom room;

    @BeforeEach
    void start() throws Exception {
        room = new LoopbackRoom();
    }

    @AfterEach
    void stop() {
        room.close();
    }

    @Test
    void churnReturnsEverythingToBaseline() throws Exception {
        long seconds = Long.getLong("junction.soak.seconds", 20);
        Random rnd = new Random(Long.getLong("junction.soak.seed", 7));
        // Warm-up: one participant through a full cycle creates the lazily started pools.
        SfuParticipantClient w = room.join("soak-warm", "warm", true);
        connect(w);
        MediaPump wp = room.pump(w);
        w.leave();
        room.release(w, wp);
        await("warm-up room closed", Duration.ofSeconds(10), () -> room.engine.roomCount() == 0);
        Baseline base = Baseline.measure(room);
        System.out.println("soak baseline: " + base + "; descriptors " + fdKinds() + "; threads by name: " + threadNames());

        SfuParticipantClient[] slot = new SfuParticipantClient[SLOTS];
        MediaPump[] pump = new MediaPump[SLOTS];
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int joins = 0;
        int departures = 0;
        while (System.nanoTime() < end) {
            int i = rnd.nextInt(SLOTS);
            if (slot[i] == null) {
                boolean publish = rnd.nextInt(4) != 0;
                slot[i] = room.join(ROOMS[i % ROOMS.length], "p" + joins, publish);
                if (publish) {
                    connect(slot[i]);
                    pump[i] = room.pump(slot[i]);
                } else {
                    // A watcher connects once someone publishes; its join is enough here.
                    slot[i].joined().get(5, TimeUnit.SECONDS);
                }
                joins++;
            } else {
                depart(slot[i], pump[i], rnd.nextInt(3));
                slot[i] = null;
                pump[i] = null;
                departures++;
            }
        }
        for (int i = 0; i < SLOTS; i++) {
            if (slot[i] != null) {
                depart(slot[i], pump[i], 0);
                departures++;
            }
        }
        assertTrue(joins >= 5, "only " + joins + " joins in " + seconds + " s");
        System.out.println("soak: " + seconds + " s, " + joins + " joins, " + departures + " departures");

        await("no rooms left", Duration.ofSeconds(15), () -> room.engine.roomCount() == 0);
        await("no ICE transports left", Duration.ofSeconds(10), () -> room.engine.liveTransports() == 0,
                () -> "live " + room.engine.liveTransports());
        await("pooled buffers back to " + base.buffers, Duration.ofSeconds(10),
                () -> room.engine.outstandingBuffers() == base.buffers,
                () -> "outstanding " + room.engine.outstandingBuffers());
        // Long runs also wait out the pools' 60 s idle timeout, so that what stays is what leaked.
        boolean longRun = seconds >= 120;
        Duration settle = Duration.ofSeconds(longRun ? 150 : 30);
        int threadSlack = longRun ? LONG_RUN_THREAD_SLACK : THREAD_SLACK;
        await("threads, descriptors and heap back to baseline " + base + " (thread slack " + threadSlack + ")",
                settle, () -> {
            Baseline now = Baseline.measure(room);
            // Sockets (every participant's UDP and WebSocket) return exactly; other descriptors
            // (files, pipes; epoll instances excluded, see measure) within the slack.
            return now.threads <= base.threads + threadSlack && now.fds <= base.fds + FD_SLACK
                    && now.sockets <= base.sockets
                    && now.heap <= base.heap + HEAP_SLACK;
        }, () -> "now " + Baseline.measure(room) + "; threads by name: " + threadNames()
                + "; busy pool threads by stack: " + busyStacks());
        System.out.println("soak after: " + Baseline.measure(room) + "; descriptors " + fdKinds()
                + "; threads by name: " + threadNames() + "; busy pool threads by stack: " + busyStacks());
        // A periodic ice4j task that outlives its agent (a pace maker firing every 20 ms) would sit in
        // ice4j's JVM-wide agent scheduler for good and keep agent-executor threads alive.
        await("ice4j's agent scheduler empty", Duration.ofSeconds(10), () -> agentSchedulerQueue() == 0,
                () -> "queued " + agentSchedulerQueue() + ": " + agentSchedulerTasks());
    }

    /** Open descriptors by kind (socket, pipe, anon_inode, file). */
    private static java.util.Map<String, Long> fdKinds() {
        java.util.Map<String, Long> kinds = new java.util.TreeMap<>();
        File[] fds = new File("/proc/self/fd").listFiles();
        for (File f : fds == null ? new File[0] : fds) {
            String kind;
            try {
                String target = java.nio.file.Files.readSymbolicLink(f.toPath()).toString();
                kind = target.startsWith("/") ? "file" : target.replaceAll("[:\\[].*", "");
            } catch (java.io.IOException | RuntimeException e) {
                kind = "gone";
            }
            kinds.merge(kind, 1L, Long::sum);
        }
        return kinds;
    }

    private static java.util.Map<String, Long> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().collect(java.util.stream.Collectors.groupingBy(
                t -> t.getName().replaceAll("[0-9]+", "#"), java.util.TreeMap::new,
                java.util.stream.Collectors.counting()));
    }

    /**
     * Pool threads that are not parked waiting for work, grouped by their top frames: what keeps
     * a cached pool from shrinking.
     */
    private static java.util.Map<String, Long> busyStacks() {
        java.util.Map<String, Long> stacks = new java.util.TreeMap<>();
        Thread.getAllStackTraces().forEach((t, frames) -> {
            String top = java.util.Arrays.stream(frames).limit(8).map(StackTraceElement::toString)
                    .collect(java.util.stream.Collectors.joining(" < "));
            if (top.contains("SynchronousQueue") || top.contains("LinkedBlockingQueue.take")
                    || top.contains("ScheduledThreadPoolExecutor$DelayedWorkQueue")) {
                return;
            }
            stacks.merge(t.getName().replaceAll("[0-9]+", "#") + " @ " + top, 1L, Long::sum);
        });
        return stacks;
    }

    /** Tasks waiting in ice4j's static agent scheduler (ice4j keeps it in a private static field). */
    private static int agentSchedulerQueue() {
        return agentScheduler().getQueue().size();
    }

    private static java.util.concurrent.ThreadPoolExecutor agentScheduler() {
        try {
            java.lang.reflect.Field f = org.ice4j.ice.Agent.class.getDeclaredField("agentTasksScheduler");
            f.setAccessible(true);
            return (java.util.concurrent.ThreadPoolExecutor) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("ice4j's Agent no longer has agentTasksScheduler", e);
        }
    }

    /**
     * What the queued tasks are: the periodic task's class and its agent's state when the JVM lets us
     * look inside the JDK's future (run with {@code --add-opens java.base/java.util.concurrent=ALL-UNNAMED}),
     * else the future's own text.
     */
    private static java.util.Map<String, Long> agentSchedulerTasks() {
        java.util.Map<String, Long> kinds = new java.util.TreeMap<>();
        for (Runnable r : agentScheduler().getQueue()) {
            String d;
            try {
                Object periodic = field(field(field(r, "callable"), "task"), "arg$1");
                d = periodic.getClass().getName();
                Object owner = periodic.getClass().getName().contains("PaceMaker") ? field(field(periodic, "this$0"), "parentAgent")
                        : field(periodic, "this$0");
                d += " of an agent in state " + ((org.ice4j.ice.Agent) owner).getState() + ", shutdown " + field(owner, "shutdown");
            } catch (ReflectiveOperationException | RuntimeException e) {
                d = r.toString().replaceAll("@[0-9a-f]+", "");
            }
            kinds.merge(d, 1L, Long::sum);
        }
        return kinds;
    }

    private static Object field(Object o, String name) throws ReflectiveOperationException {
        for (Class<?> c = o.getClass(); c != null; c = c.getSuperclass()) {
            for (java.lang.reflect.Field f : c.getDeclaredFields()) {
                if (f.getName().equals(name)) {
                    f.setAccessible(true);
                    return f.get(o);
                }
            }
        }
        throw new NoSuchFieldException(o.getClass().getName() + "." + name);
    }

    /** 0: leave the room, 1: close the socket and the peer, 2: lose the socket; the client is then closed. */
    private void depart(SfuParticipantClient c, MediaPump pump, int how) {
        switch (how) {
            case 0 -> c.leave();
            case 1 -> { }
            default -> c.signaling().abort();
        }
        room.release(c, pump);
    }

    private record Baseline(int threads, int fds, long sockets, long heap, int buffers) {
        static Baseline measure(LoopbackRoom room) {
            System.gc();
            Runtime rt = Runtime.getRuntime();
            String[] fd = new File("/proc/self/fd").list();
            // The test clients' JDK HttpClients keep their threads until they are collected:
            // they are not the server's, so they are not counted.
            int threads = (int) Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !t.getName().startsWith("HttpClient-")).count();
            // Epoll instances (anon_inode) belong to the test clients' JDK HttpClient selectors and
            // close when those are collected; every other descriptor kind is counted.
            java.util.Map<String, Long> kinds = fdKinds();
            int fds = fd == null ? -1 : fd.length - kinds.getOrDefault("anon_inode", 0L).intValue();
            return new Baseline(threads, fds, kinds.getOrDefault("socket", 0L),
                    rt.totalMemory() - rt.freeMemory(), room.engine.outstandingBuffers());
        }

        @Override
        public String toString() {
            return "threads " + threads + ", fds " + fds + " (sockets " + sockets + "), heap " + (heap >> 20) + " MiB, buffers " + buffers;
        }
    }
}
