package io.junction.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.junction.bench.load.Affinity;
import io.junction.bench.load.BenchConfig;
import io.junction.bench.load.CapacityChart;
import io.junction.bench.load.LoadRun;
import io.junction.bench.load.ReportTable;
import io.junction.bench.load.RunReport;
import io.junction.bench.load.UdpCeiling;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The load bench's command line ({@code java -jar bench/target/junction-bench.jar --help}).
 * Exit codes: 0 the run completed, 1 it failed, 2 bad options.
 */
@Command(name = "junction-bench", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Load bench for Junction: real participants (signaling, ICE, DTLS, SRTP) on loopback.",
                "Rooms hold room-size participants (the server's sfu default is 16): P publishers and up to",
                "room-size − P subscribers each; a ramp opens new rooms when the current ones are full."})
public final class BenchMain implements Callable<Integer> {
    @Option(names = "--server", paramLabel = "URI", description = "Signaling URI of a running server, e.g. "
            + "ws://127.0.0.1:8080/ws. All load comes from one address: start that server with a high --max-half-open "
            + "(e.g. 1000; the default 8 refuses joins when more than 8 participants are connecting at once) and a "
            + "high --max-connections-per-address (the default 64 answers more connections with HTTP 503).")
    URI server;
    @Option(names = "--spawn", paramLabel = "JAR", arity = "0..1", fallbackValue = "web/target/junction.jar",
            description = "Start junction.jar (default ${FALLBACK-VALUE}) as a separate process on free ports; "
                    + "the default when --server is not given.")
    Path spawn;
    @Option(names = "--server-pid", defaultValue = "-1", description = "PID of a --server to sample for CPU and RSS.")
    long serverPid;
    @Option(names = "--server-cpus", paramLabel = "CPUS", description = "taskset CPU list for a spawned server, e.g. 0.")
    String serverCpus;
    @Option(names = "--load-cpus", paramLabel = "CPUS", description = "taskset CPU list for this (load) JVM, e.g. 1.")
    String loadCpus;
    @Option(names = "--rooms", defaultValue = "1", description = "Rooms at start (default ${DEFAULT-VALUE}).")
    int rooms;
    @Option(names = "--publishers", defaultValue = "1", description = "Publishers per room, audio + video (default ${DEFAULT-VALUE}).")
    int publishers;
    @Option(names = "--subscribers", defaultValue = "4", description = "Subscribers per room at start (default ${DEFAULT-VALUE}).")
    int subscribers;
    @Option(names = "--room-size", defaultValue = "16", description = "Participants a room holds on the server (default ${DEFAULT-VALUE}).")
    int roomSize;
    @Option(names = "--video-kbps", defaultValue = "1500", description = "Video bitrate per publisher (default ${DEFAULT-VALUE}).")
    int videoKbps;
    @Option(names = "--fps", defaultValue = "30", description = "Video frame rate (default ${DEFAULT-VALUE}).")
    int fps;
    @Option(names = "--duration", defaultValue = "20", description = "Seconds: the run (fixed) or the cap of the whole ramp (default ${DEFAULT-VALUE}).")
    int duration;
    @Option(names = "--ramp", description = "Add subscribers step by step until a threshold breaks.")
    boolean ramp;
    @Option(names = "--step-subscribers", defaultValue = "15", description = "Subscribers added per ramp step (default ${DEFAULT-VALUE}).")
    int stepSubscribers;
    @Option(names = "--step-seconds", defaultValue = "5", description = "Measured seconds per ramp step (default ${DEFAULT-VALUE}).")
    int stepSeconds;
    @Option(names = "--max-participants", defaultValue = "400", description = "Cap on participants (default ${DEFAULT-VALUE}).")
    int maxParticipants;
    @Option(names = "--loss", defaultValue = "0", description = "Impairment: loss (burst start) probability, %% (default ${DEFAULT-VALUE}).")
    double loss;
    @Option(names = "--burst-loss", defaultValue = "1", description = "Impairment: mean loss burst length, packets (default ${DEFAULT-VALUE}).")
    double burstLoss;
    @Option(names = "--jitter-ms", defaultValue = "0", description = "Impairment: uniform extra delay up to this, ms (default ${DEFAULT-VALUE}).")
    double jitterMs;
    @Option(names = "--reorder", defaultValue = "0", description = "Impairment: packets held back, %% (default ${DEFAULT-VALUE}).")
    double reorder;
    @Option(names = "--impair", defaultValue = "subscriber", description = "Impaired leg: publisher or subscriber (default ${DEFAULT-VALUE}).")
    String impair;
    @Option(names = "--seed", defaultValue = "1", description = "Impairment seed (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--grace-ms", defaultValue = "1000", description = "Repair window before a gap counts as lost (default ${DEFAULT-VALUE}).")
    int graceMs;
    @Option(names = "--max-loss", defaultValue = "0.5", description = "Ramp threshold: loss after repair, %% (default ${DEFAULT-VALUE}).")
    double maxLoss;
    @Option(names = "--max-p99-ms", defaultValue = "20", description = "Ramp threshold: p99 one-way latency, ms (default ${DEFAULT-VALUE}).")
    double maxP99Ms;
    @Option(names = "--out", defaultValue = "bench-report.json", description = "JSON report (default ${DEFAULT-VALUE}).")
    Path out;
    @Option(names = "--chart", defaultValue = "bench-capacity.png", description = "PNG chart (default ${DEFAULT-VALUE}).")
    Path chart;
    @Option(names = "--janus", paramLabel = "URL", description = "Drive a running Janus VideoRoom instead, through its "
            + "HTTP API (e.g. http://127.0.0.1:8088/janus); see bench/janus-side-by-side.sh.")
    URI janus;
    @Option(names = "--spawn-janus", paramLabel = "BINARY", arity = "0..1", fallbackValue = "janus",
            description = "Start Janus (default ${FALLBACK-VALUE} from PATH) with a generated configuration: HTTP "
                    + "transport and VideoRoom only, ICE-lite, --janus-event-loops media threads, pinned to --server-cpus.")
    String spawnJanus;
    @Option(names = "--janus-interface", paramLabel = "NAME", description = "Interface a spawned Janus gathers "
            + "candidates on (default: the first non-loopback interface that is up; Janus ignores loopback).")
    String janusInterface;
    @Option(names = "--janus-event-loops", defaultValue = "1",
            description = "Media threads of a spawned Janus shared by all handles (default ${DEFAULT-VALUE}).")
    int janusEventLoops;
    @Option(names = "--client-address", defaultValue = "127.0.0.1",
            description = "Address the participants bind their media to when driving Janus (default ${DEFAULT-VALUE}).")
    String clientAddress;
    @Option(names = "--compare", split = ",", paramLabel = "TARGETS", description = "Run the same load against each "
            + "of these targets back to back (junction: --spawn or --server; janus: --spawn-janus or --janus, spawned by "
            + "default) and write one table, one JSON report and one chart with every target's curves.")
    List<String> compare;
    @Option(names = "--udp-ceiling", paramLabel = "SECONDS", defaultValue = "0",
            description = "Instead: blast raw 1200-byte UDP datagrams on loopback for SECONDS and report datagrams/s per core.")
    int udpCeiling;

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.setProperty("ice4j.harvest.mapping.aws.enabled", "false");
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    /** One validated configuration per {@code --compare} target, in order. */
    Map<String, BenchConfig> compareConfigs() {
        Map<String, BenchConfig> out = new LinkedHashMap<>();
        for (String t : compare) {
            switch (t.trim()) {
                case "junction" -> out.put("junction", config(server,
                        server == null && spawn == null ? Path.of("web/target/junction.jar") : spawn, null));
                case "janus" -> out.put("janus", config(null, null, new io.junction.bench.janus.JanusTarget(janus,
                        janus == null ? (spawnJanus != null ? spawnJanus : "janus") : null, janusInterface,
                        janusEventLoops, clientAddress)));
                default -> throw new IllegalArgumentException("compare takes junction and janus, was " + t);
            }
        }
        if (out.size() < 2) {
            throw new IllegalArgumentException("compare needs two different targets, e.g. junction,janus");
        }
        return out;
    }

    /** The validated configuration of these options. */
    BenchConfig config() {
        if (!impair.equals("publisher") && !impair.equals("subscriber")) {
            throw new IllegalArgumentException("impair must be publisher or subscriber, was " + impair);
        }
        boolean toJanus = janus != null || spawnJanus != null;
        io.junction.bench.janus.JanusTarget janusTarget = !toJanus ? null
                : new io.junction.bench.janus.JanusTarget(janus, spawnJanus, janusInterface, janusEventLoops, clientAddress);
        Path jar = server == null && spawn == null && !toJanus ? Path.of("web/target/junction.jar") : spawn;
        return config(server, jar, janusTarget);
    }

    private BenchConfig config(URI server, Path jar, io.junction.bench.janus.JanusTarget janusTarget) {
        return new BenchConfig(server, jar, serverPid, serverCpus, loadCpus, rooms, publishers, subscribers, roomSize,
                videoKbps, fps, duration, ramp, stepSubscribers, stepSeconds, maxParticipants, loss, burstLoss, jitterMs,
                reorder, impair.equals("publisher"), seed, graceMs, maxLoss, maxP99Ms, out, chart,
                janusTarget);
    }

    @Override
    public Integer call() throws Exception {
        if (udpCeiling > 0) {
            if (udpCeiling > 600) {
                throw new CommandLine.ParameterException(new CommandLine(this), "udp-ceiling must be in [1, 600]");
            }
            boolean pinned = loadCpus != null && Affinity.pinSelf(loadCpus);
            UdpCeiling.Result r = UdpCeiling.run(Duration.ofSeconds(udpCeiling));
            System.out.printf(Locale.ROOT, "UDP loopback ceiling (1200-byte datagrams, no crypto, pinned to %s): "
                            + "sent %,.0f/s, received %,.0f/s, process CPU %.2f cores, received per core-second %,.0f%n",
                    pinned ? loadCpus : "none", r.sentPerSecond(), r.receivedPerSecond(), r.cpuCores(),
                    r.receivedPerCoreSecond());
            return 0;
        }
        if (compare != null) {
            return compare();
        }
        BenchConfig cfg;
        try {
            cfg = config();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
        RunReport report;
        try (LoadRun run = new LoadRun(cfg, System.err)) {
            report = run.run();
        }
        System.out.print(ReportTable.render(report));
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(cfg.out().toFile(), report);
        CapacityChart.write(report, cfg.chart());
        System.out.println("report: " + cfg.out().toAbsolutePath() + "  chart: " + cfg.chart().toAbsolutePath());
        return 0;
    }

    private int compare() throws Exception {
        Map<String, BenchConfig> cfgs;
        try {
            cfgs = compareConfigs();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
        Map<String, RunReport> reports = new LinkedHashMap<>();
        for (var e : cfgs.entrySet()) {
            System.err.println("== " + e.getKey() + " ==");
            try (LoadRun run = new LoadRun(e.getValue(), System.err)) {
                reports.put(e.getKey(), run.run());
            }
        }
        System.out.print(ReportTable.renderComparison(reports));
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), reports);
        CapacityChart.write(reports, chart);
        System.out.println("report: " + out.toAbsolutePath() + "  chart: " + chart.toAbsolutePath());
        return 0;
    }
}
