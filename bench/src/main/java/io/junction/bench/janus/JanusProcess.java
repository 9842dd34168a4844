package io.junction.bench.janus;

import io.junction.bench.load.Affinity;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Janus gateway (Debian package {@code janus}) started as a child process for a side-by-side run:
 * a generated configuration folder with only the HTTP transport (on a free loopback port) and the
 * VideoRoom plugin, ICE-lite (as Junction), gathering only on {@code iface} (Janus ignores loopback
 * interfaces, so the run happens in a network namespace that has a veth pair, see
 * {@code bench/janus-side-by-side.sh}), {@code eventLoops} shared media threads instead of one thread per
 * handle, NACKs answered from a queue of at least 500 ms (the bench's subscribers NACK a gap within 60 ms and
 * retry twice), optionally pinned with taskset. Waited for through {@code GET /janus/info}; stopped by its PID.
 */
public final class JanusProcess implements AutoCloseable {
    private static final String LIB = "/usr/lib/x86_64-linux-gnu/janus";

    private final Process process;
    private final int httpPort;
    private final Path dir;

    private JanusProcess(Process process, int httpPort, Path dir) {
        this.process = process;
        this.httpPort = httpPort;
        this.dir = dir;
    }

    /**
     * @param binary     the janus executable (e.g. {@code janus} on PATH)
     * @param cpus       taskset CPU list, or null
     * @param iface      interface to gather host candidates on, or null for the first non-loopback one that is up
     * @param eventLoops media event loops (threads) shared by all handles
     */
    public static JanusProcess start(String binary, String cpus, String iface, int eventLoops, Duration deadline)
            throws IOException, InterruptedException {
        String gatherOn = iface != null ? iface : firstNonLoopback();
        int http = freeTcpPort();
        Path dir = Files.createTempDirectory("junction-bench-janus");
        Files.writeString(dir.resolve("janus.jcfg"), """
                general: {
                    configs_folder = "%1$s"
                    plugins_folder = "%2$s/plugins"
                    transports_folder = "%2$s/transports"
                    events_folder = "%2$s/events"
                    loggers_folder = "%2$s/loggers"
                    debug_level = %5$s
                    event_loops = %3$d
                    session_timeout = 120
                }
                media: {
                    rtp_port_range = "20000-40000"
                    min_nack_queue = 500
                }
                nat: {
                    ice_lite = true
                    ice_enforce_list = "%4$s"
                    ignore_mdns = true
                }
                plugins: {
                    disable = "libjanus_audiobridge.so,libjanus_duktape.so,libjanus_echotest.so,libjanus_lua.so,libjanus_nosip.so,libjanus_recordplay.so,libjanus_sip.so,libjanus_streaming.so,libjanus_textroom.so,libjanus_videocall.so,libjanus_voicemail.so"
                }
                transports: {
                    disable = "libjanus_websockets.so,libjanus_mqtt.so,libjanus_nanomsg.so,libjanus_pfunix.so,libjanus_rabbitmq.so"
                }
                loggers: {
                    disable = "libjanus_jsonlog.so"
                }
                events: {
                    broadcast = false
                }
                """.formatted(dir, LIB, eventLoops, gatherOn, debugLevel()));
        Files.writeString(dir.resolve("janus.transport.http.jcfg"), """
                general: {
                    json = "plain"
                    base_path = "/janus"
                    http = true
                    port = %d
                    ip = "127.0.0.1"
                    https = false
                }
                admin: {
                    admin_http = false
                    admin_https = false
                }
                """.formatted(http));
        Files.writeString(dir.resolve("janus.plugin.videoroom.jcfg"), "general: {\n}\n");
        List<String> cmd = new ArrayList<>(List.of(binary, "-F", dir.toString(), "-C",
                dir.resolve("janus.jcfg").toString()));
        Path log = dir.resolve("janus.log");
        Process p = new ProcessBuilder(Affinity.pinned(cpus, cmd)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        JanusProcess j = new JanusProcess(p, http, dir);
        try {
            j.awaitInfo(deadline, log);
        } catch (IOException | InterruptedException | RuntimeException e) {
            j.close();
            throw e;
        }
        return j;
    }

    /** Janus's log level: {@code JUNCTION_BENCH_JANUS_DEBUG} (0..7), default 3 (warnings and errors). */
    private static String debugLevel() {
        String v = System.getenv("JUNCTION_BENCH_JANUS_DEBUG");
        return v != null && v.matches("[0-7]") ? v : "3";
    }

    private void awaitInfo(Duration deadline, Path log) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest req = HttpRequest.newBuilder(URI.create(apiUri() + "/info")).timeout(Duration.ofSeconds(1)).build();
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IOException("janus exited with " + process.exitValue() + "; log: " + log);
            }
            try {
                if (http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
        throw new IOException("janus /info did not answer within " + deadline + "; log: " + log);
    }

    /** The HTTP API base, {@code http://127.0.0.1:PORT/janus}. */
    public URI apiUri() {
        return URI.create("http://127.0.0.1:" + httpPort + "/janus");
    }

    public long pid() {
        return process.pid();
    }

    /** The generated configuration folder (its {@code janus.log} holds Janus's output). */
    public Path dir() {
        return dir;
    }

    static String firstNonLoopback() throws IOException {
        try {
            for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (n.isUp() && !n.isLoopback() && n.getInetAddresses().hasMoreElements()) {
                    return n.getName();
                }
            }
        } catch (SocketException e) {
            throw new IOException("cannot list network interfaces", e);
        }
        throw new IOException("no non-loopback interface is up: Janus gathers no candidate on loopback "
                + "(run inside a namespace with a veth pair: bench/janus-side-by-side.sh)");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
