package io.junction.bench.load;

import java.util.Locale;

/** The terminal table of a run: one row per step, then the best step and the totals. */
public final class ReportTable {
    private static final String HEADER = String.format(Locale.ROOT,
            "%4s %5s %4s %5s %7s %9s %9s %7s %7s %7s %7s %7s %8s %6s %6s %7s %7s %10s %7s %4s",
            "step", "rooms", "pubs", "subs", "streams", "in pkt/s", "out pkt/s", "Mbit/s", "loss<%", "loss>%",
            "p50 ms", "p99 ms", "max ms", "cpu %", "load%", "rss MB", "threads", "fwd/core", "us/pkt", "held");

    private ReportTable() {
    }

    public static String header() {
        return HEADER;
    }

    /** One step as a table row. */
    public static String row(StepResult r) {
        return String.format(Locale.ROOT,
                "%4d %5d %4d %5d %7d %9.0f %9.0f %7.1f %7.3f %7.3f %7.2f %7.2f %8.2f %6.1f %6.1f %7.0f %7d %10.0f %7.2f %4s",
                r.step(), r.rooms(), r.publishers(), r.subscribers(), r.streamsForwarded(), r.packetsInPerSecond(),
                r.packetsOutPerSecond(), r.outMbps(), r.lossBeforeRepairPercent(), r.lossAfterRepairPercent(),
                r.latencyP50Ms(), r.latencyP99Ms(), r.latencyMaxMs(), r.serverCpuPercent(), r.loadCpuPercent(),
                r.serverRssMb(), r.serverThreads(),
                r.forwardedPerServerCore(), r.serverCpuUsPerPacket(), r.held() ? "yes" : "NO");
    }

    /** The whole report as text. */
    public static String render(RunReport report) {
        StringBuilder s = new StringBuilder();
        s.append(HEADER).append('\n');
        for (StepResult r : report.steps()) {
            s.append(row(r)).append('\n');
        }
        s.append("stopped: ").append(report.stopReason()).append('\n');
        StepResult b = report.bestHeldStep();
        if (b != null) {
            s.append(String.format(Locale.ROOT,
                    "best step that held: %d (%d subscribers, %,.0f forwarded pkt/s, server CPU %.1f %% of a core)%n"
                            + "forwarded packets per second per server core: %,.0f%n"
                            + "server CPU per forwarded packet: %.2f us%n",
                    b.step(), b.subscribers(), b.packetsOutPerSecond(), b.serverCpuPercent(),
                    b.forwardedPerServerCore(), b.serverCpuUsPerPacket()));
        } else {
            s.append("no step held\n");
        }
        RunReport.Overall o = report.overall();
        s.append(String.format(Locale.ROOT,
                "overall: sent %,d  received %,d  loss before repair %.3f %%  after %.3f %%  corrupt %d  "
                        + "duplicates %d  reordered %d  repaired %d%n",
                o.packetsSent(), o.packetsReceived(), o.lossBeforeRepairPercent(), o.lossAfterRepairPercent(),
                o.corrupt(), o.duplicates(), o.outOfOrder(), o.repaired()));
        if (o.impairedLosses() > 0) {
            s.append(String.format(Locale.ROOT,
                    "impairment: %,d dropped on the publisher leg, %,d on the subscriber leg -> %,d losses at "
                            + "subscribers, %.1f %% recovered by repair%n",
                    o.publisherLegDrops(), o.subscriberLegDrops(), o.impairedLosses(), o.impairedRecoveredPercent()));
        }
        s.append("machine: ").append(report.machine().availableProcessors()).append(" cpus, load ")
                .append(report.machine().loadAverage()).append('\n');
        return s.toString();
    }

    /** Every named run's table, then each one's best held step and the ratio of the first to the others. */
    public static String renderComparison(java.util.Map<String, RunReport> reports) {
        StringBuilder s = new StringBuilder();
        for (var e : reports.entrySet()) {
            s.append("== ").append(e.getKey()).append(" ==\n").append(render(e.getValue())).append('\n');
        }
        s.append("comparison (best step that held, forwarded packets/s per server core):\n");
        Double first = null;
        String firstName = null;
        for (var e : reports.entrySet()) {
            StepResult b = e.getValue().bestHeldStep();
            double v = b == null ? Double.NaN : b.forwardedPerServerCore();
            s.append(String.format(Locale.ROOT, "  %-10s %,12.0f%s%n", e.getKey(), v,
                    b == null ? "  (no step held)" : String.format(Locale.ROOT, "  (step %d, %,.0f pkt/s at %.1f %% CPU)",
                            b.step(), b.packetsOutPerSecond(), b.serverCpuPercent())));
            if (first == null) {
                first = v;
                firstName = e.getKey();
            } else if (v > 0) {
                s.append(String.format(Locale.ROOT, "  %s / %s: %.2f%n", firstName, e.getKey(), first / v));
            }
        }
        return s.toString();
    }
}
