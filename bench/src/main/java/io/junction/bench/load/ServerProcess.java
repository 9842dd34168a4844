package io.junction.bench.load;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Junction server started as a separate process ({@code java -jar junction.jar}) on free
 * loopback ports, optionally pinned with taskset; waited for through {@code /health}; stopped by
 * its PID (also from a shutdown hook on Ctrl-C). Every simulated participant connects from
 * 127.0.0.1, so the server is started with {@code --max-half-open} {@value #MAX_HALF_OPEN}: the
 * default per-address limit (8) would refuse joins whenever more participants than that are
 * connecting at once.
 */
public final class ServerProcess implements AutoCloseable {
    /** The spawned server's {@code --max-half-open}. */
    static final int MAX_HALF_OPEN = 1000;

    private final Process process;
    private final int httpPort;
    private final Path log;
    private final Thread hook;

    private ServerProcess(Process process, int httpPort, Path log) {
        this.process = process;
        this.httpPort = httpPort;
        this.log = log;
        this.hook = new Thread(this::kill, "junction-bench-server-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Environment variable with extra JVM options for a spawned server (space-separated, e.g. profiling). */
    public static final String JVM_ENV = "JUNCTION_BENCH_SERVER_JVM";

    /** {@code -Xmx1g} followed by the space-separated options of {@code extra} (null or blank: none). */
    static List<String> jvmArgs(String extra) {
        List<String> out = new ArrayList<>(List.of("-Xmx1g"));
        if (extra != null && !extra.isBlank()) {
            out.addAll(List.of(extra.trim().split("\\s+")));
        }
        return out;
    }

    /**
     * Starts the server and waits until /health answers 200.
     *
     * @param jar     junction.jar
     * @param cpus    taskset CPU list for the server, or null
     * @param jvmArgs extra JVM options (e.g. -Xmx512m), may be empty
     * @throws IOException when the jar is missing, the process dies or /health stays silent past the deadline
     */
    public static ServerProcess start(Path jar, String cpus, List<String> jvmArgs, Duration deadline)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException("junction.jar not found at " + jar.toAbsolutePath()
                    + " (build it: mvn -q -B -o -pl web -am package -DskipTests)");
        }
        int http = freeTcpPort();
        int media = freeUdpPort();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-jar", jar.toString(), "--port", Integer.toString(http),
                "--media-port", Integer.toString(media), "--announce", "127.0.0.1",
                "--max-half-open", Integer.toString(MAX_HALF_OPEN),
                // every simulated participant connects from 127.0.0.1
                "--max-connections-per-address", "1000000"));
        Path log = Files.createTempFile("junction-bench-server", ".log");
        Process p = new ProcessBuilder(Affinity.pinned(cpus, cmd)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        ServerProcess s = new ServerProcess(p, http, log);
        try {
            s.awaitHealth(deadline);
        } catch (IOException | InterruptedException | RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    private void awaitHealth(Duration deadline) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health"))
                .timeout(Duration.ofSeconds(1)).build();
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IOException("server exited with " + process.exitValue() + "; log: " + log);
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
        throw new IOException("server /health did not answer within " + deadline + "; log: " + log);
    }

    /** PID of the JVM (taskset execs it, so the PID is the server's own). */
    public long pid() {
        return process.pid();
    }

    public URI signalingUri() {
        return URI.create("ws://127.0.0.1:" + httpPort + "/ws");
    }

    /** The spawned server's HTTP port (loopback). */
    int httpPort() {
        return httpPort;
    }

    public Path log() {
        return log;
    }

    private void kill() {
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

    @Override
    public void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
