package io.junction.bench.load;

import io.junction.client.RoomPeer;
import io.junction.dtls.DtlsCertificate;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One bench run: starts (or targets) the server, builds rooms of publishers and subscribers,
 * measures one fixed step or ramps step by step, then stops and closes everything it made.
 */
public final class LoadRun implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LoadRun.class);

    private static final int CONNECT_BATCH = 4;

    private final BenchConfig cfg;
    private final PrintStream progress;
    private final Recorder latency = new Recorder(3);
    private final ExecutorService handshakes = Executors.newFixedThreadPool(2, daemon("bench-handshake"));
    private final ScheduledExecutorService pump = Executors.newSingleThreadScheduledExecutor(daemon("bench-pump"));
    private final ScheduledExecutorService delays = Executors.newSingleThreadScheduledExecutor(daemon("bench-delay"));
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("bench-tick"));
    private final List<Room> rooms = new ArrayList<>();
    private final List<Subscriber> subscribers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Publisher> publishers = new ArrayList<>();
    private final DtlsCertificate certificate = DtlsCertificate.generate();
    private Peers peers;
    private long serverPid = -1;
    private int participantIndex;

    private static final class Room {
        final String name;
        final List<Publisher> publishers = new ArrayList<>();
        int seats;

        Room(String name, int seats) {
            this.name = name;
            this.seats = seats;
        }
    }

    public LoadRun(BenchConfig cfg, PrintStream progress) {
        this.cfg = cfg;
        this.progress = progress;
    }

    /** Runs the whole bench and returns its report. */
    public RunReport run() throws Exception {
        long startedAt = System.currentTimeMillis();
        peers = cfg.janus() != null
                ? new io.junction.bench.janus.JanusPeers(cfg.janus(), cfg.serverCpus(), certificate, handshakes)
                : new JunctionPeers(cfg, certificate, handshakes);
        serverPid = peers.serverPid();
        boolean loadPinned = cfg.loadCpus() != null && Affinity.pinSelf(cfg.loadCpus());
        long graceNanos = TimeUnit.MILLISECONDS.toNanos(cfg.graceMillis());
        ticker.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            for (Subscriber s : subscribers) {
                s.tick(now, graceNanos);
            }
        }, 20, 20, TimeUnit.MILLISECONDS);
        for (int r = 0; r < cfg.rooms(); r++) {
            openRoom();
        }
        List<StepResult> steps = new ArrayList<>();
        String stopReason;
        for (Room r : List.copyOf(rooms)) {
            addSubscribers(cfg.subscribers(), r);
        }
        if (!cfg.ramp()) {
            steps.add(measure(1, cfg.durationSeconds()));
            stopReason = "duration reached";
        } else {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(cfg.durationSeconds());
            int want = subscribers.size();
            stopReason = "duration reached";
            for (int step = 1; ; step++) {
                try {
                    addSubscribers(want - subscribers.size(), null);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    stopReason = "step " + step + ": a participant did not connect (" + e.getMessage() + ")";
                    break;
                }
                StepResult r = measure(step, cfg.stepSeconds());
                steps.add(r);
                if (!r.held()) {
                    stopReason = "step " + step + " broke a threshold (loss after repair > " + cfg.maxLossPercent()
                            + " % or p99 > " + cfg.maxP99Ms() + " ms)";
                    break;
                }
                int next = want + cfg.stepSubscribers();
                if (participants(next) > cfg.maxParticipants()) {
                    stopReason = "max-participants (" + cfg.maxParticipants() + ") reached";
                    break;
                }
                if (System.nanoTime() + TimeUnit.SECONDS.toNanos(cfg.stepSeconds() + 2) > end) {
                    break;
                }
                want = next;
            }
        }
        progress.println();
        publishers.forEach(Publisher::close);
        TimeUnit.MILLISECONDS.sleep(cfg.graceMillis() + 200L); // let repairs land before the final tally
        subscribers.forEach(Subscriber::settleAll);
        Subscriber.Totals total = totals();
        StepResult best = null;
        for (StepResult s : steps) {
            if (s.held() && (best == null || s.packetsOutPerSecond() > best.packetsOutPerSecond())) {
                best = s;
            }
        }
        long sent = publishers.stream().mapToLong(Publisher::packets).sum();
        double lossBefore = total.expected == 0 ? 0 : 100.0 * total.gaps / total.expected;
        double lossAfter = total.settled == 0 ? 0 : 100.0 * total.lostAfterRepair / total.settled;
        // Each packet the impairment took from a publisher is missed by every subscriber of its room.
        long impairedLosses = total.impairedDrops;
        for (Room r : rooms) {
            int subscribersInRoom = cfg.roomSize() - cfg.publishers() - r.seats;
            impairedLosses += r.publishers.stream().mapToLong(Publisher::impairedDrops).sum() * subscribersInRoom;
        }
        double recovered = impairedLosses == 0 ? Double.NaN
                : 100.0 * Math.max(0, impairedLosses - total.lostAfterRepair) / impairedLosses;
        RunReport.Overall overall = new RunReport.Overall(sent, total.received, total.expected, lossBefore, lossAfter,
                total.corrupt, total.duplicates, total.outOfOrder, total.repaired, total.impairedDrops,
                publishers.stream().mapToLong(Publisher::impairedDrops).sum(),
                publishers.stream().mapToLong(Publisher::resent).sum(), impairedLosses, recovered);
        return new RunReport(startedAt, cfg, machine(loadPinned), steps, best, stopReason, overall);
    }

    private int participants(int subs) {
        int seatsPerRoom = cfg.roomSize() - cfg.publishers();
        int roomsNeeded = Math.max(rooms.size(), (subs + seatsPerRoom - 1) / seatsPerRoom);
        return roomsNeeded * cfg.publishers() + subs;
    }

    private void openRoom() throws Exception {
        Room room = new Room("bench-" + rooms.size() + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong()),
                cfg.roomSize() - cfg.publishers());
        rooms.add(room);
        peers.openRoom(room.name, cfg.publishers());
        List<Publisher> made = new ArrayList<>();
        for (int p = 0; p < cfg.publishers(); p++) {
            int index = participantIndex++;
            RoomPeer c = peers.publisher(room.name, "pub" + index);
            made.add(new Publisher(c, pump, cfg.impairment(true, index), cfg.fps(), cfg.videoKbps() * 1000,
                    cfg.fps() * 2));
        }
        publishers.addAll(made);
        room.publishers.addAll(made);
        for (Publisher p : made) {
            p.client().connected().get(30, TimeUnit.SECONDS);
            p.start();
        }
    }

    /** Adds {@code n} subscribers to {@code target}, or to the first rooms with free seats when null. */
    private void addSubscribers(int n, Room target) throws Exception {
        List<Subscriber> made = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Room room = target != null && target.seats > 0 ? target : null;
            for (Room r : target != null ? List.<Room>of() : rooms) {
                if (r.seats > 0) {
                    room = r;
                    break;
                }
            }
            if (room == null) {
                openRoom();
                room = rooms.get(rooms.size() - 1);
            }
            room.seats--;
            int index = participantIndex++;
            RoomPeer c = peers.subscriber(room.name, "sub" + index);
            Subscriber sub = new Subscriber(c, latency, cfg.impairment(false, index), delays,
                    ThreadLocalRandom.current().nextLong(1, 0xFFFF_FFFFL));
            made.add(sub);
            if (made.size() == CONNECT_BATCH || i == n - 1) {
                awaitConnected(made);
                made.clear();
            }
        }
    }

    /** Waits for a batch (small, so DTLS handshakes on a busy machine stay inside their timeout). */
    private void awaitConnected(List<Subscriber> batch) throws Exception {
        Exception failed = null;
        for (Subscriber s : batch) {
            try {
                s.client().connected().get(30, TimeUnit.SECONDS);
                subscribers.add(s);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                closeQuietly(s);
                failed = e;
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    private StepResult measure(int step, int seconds) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(Math.max(1500, cfg.graceMillis() + 500L)); // keyframes reach newcomers
        Subscriber.Totals a = totals();
        long sentA = publishers.stream().mapToLong(Publisher::packets).sum();
        ProcStats.Sample procA = serverPid > 0 ? ProcStats.read(serverPid) : null;
        ProcStats.Sample selfA = ProcStats.read(ProcessHandle.current().pid());
        latency.getIntervalHistogram();
        long t0 = System.nanoTime();
        for (int i = 1; i <= seconds; i++) {
            TimeUnit.NANOSECONDS.sleep(Math.max(0, t0 + i * 1_000_000_000L - System.nanoTime()));
            Subscriber.Totals t = totals();
            progress.printf("\rstep %d  %3ds/%ds  rooms %d  subscribers %d  out %,.0f pkt/s  loss-before %.3f %%   ",
                    step, i, seconds, rooms.size(), subscribers.size(), (t.received - a.received) / (double) i,
                    pct(t.gaps - a.gaps, t.expected - a.expected));
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        TimeUnit.MILLISECONDS.sleep(cfg.graceMillis()); // settle this step's gaps
        Subscriber.Totals b = totals();
        long sentB = publishers.stream().mapToLong(Publisher::packets).sum();
        ProcStats.Sample procB = serverPid > 0 ? ProcStats.read(serverPid) : null;
        ProcStats.Sample selfB = ProcStats.read(ProcessHandle.current().pid());
        Histogram h = latency.getIntervalHistogram();
        double cpu = procA == null || procB == null ? Double.NaN
                : 100.0 * (procB.cpuNanos() - procA.cpuNanos()) / 1e9 / (secs + cfg.graceMillis() / 1000.0);
        double loadCpu = selfA == null || selfB == null ? Double.NaN
                : 100.0 * (selfB.cpuNanos() - selfA.cpuNanos()) / 1e9 / (secs + cfg.graceMillis() / 1000.0);
        double outPps = (b.received - a.received) / (secs + cfg.graceMillis() / 1000.0);
        double lossBefore = pct(b.gaps - a.gaps, b.expected - a.expected);
        double lossAfter = pct(b.lostAfterRepair - a.lostAfterRepair, b.settled - a.settled);
        double p99 = h.getValueAtPercentile(99) / 1000.0;
        boolean held = lossAfter <= cfg.maxLossPercent() && p99 <= cfg.maxP99Ms() && b.corrupt == a.corrupt;
        double window = secs + cfg.graceMillis() / 1000.0;
        StepResult r = new StepResult(step, rooms.size(), publishers.size(), subscribers.size(),
                publishers.size() + subscribers.size(), b.streams, secs, (sentB - sentA) / window, outPps,
                (b.bytes - a.bytes) * 8 / window / 1e6, lossBefore, lossAfter, h.getValueAtPercentile(50) / 1000.0,
                p99, h.getMaxValue() / 1000.0, cpu, loadCpu, procB == null ? Double.NaN : procB.rssKb() / 1024.0,
                procB == null ? -1 : procB.threads(),
                Double.isNaN(cpu) || cpu <= 0 ? Double.NaN : outPps / (cpu / 100.0), b.corrupt - a.corrupt,
                b.duplicates - a.duplicates, b.outOfOrder - a.outOfOrder, held);
        progress.printf("%n%s%n", ReportTable.row(r));
        return r;
    }

    private static double pct(long part, long whole) {
        return whole <= 0 ? 0 : 100.0 * part / whole;
    }

    private Subscriber.Totals totals() {
        Subscriber.Totals t = new Subscriber.Totals();
        for (Subscriber s : subscribers) {
            s.addTo(t);
        }
        return t;
    }

    private RunReport.Machine machine(boolean loadPinned) {
        String load = "";
        try {
            load = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException | RuntimeException e) {
            LOG.debug("no /proc/loadavg", e);
        }
        return new RunReport.Machine(Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                load, peers != null && peers.spawned(), serverPid, cfg.serverCpus(), loadPinned ? cfg.loadCpus() : null,
                Affinity.taskset() != null);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        publishers.forEach(p -> closeQuietly(p));
        subscribers.forEach(s -> closeQuietly(s));
        pump.shutdownNow();
        delays.shutdownNow();
        handshakes.shutdownNow();
        if (peers != null) {
            peers.close();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("closing", e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
