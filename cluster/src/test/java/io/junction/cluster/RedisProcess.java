package io.junction.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} (Debian package) for tests: a child process on a free loopback port,
 * no persistence, ended by its PID. When the binary is absent the test is skipped with a message,
 * unless the environment variable {@code CI} is set (then it fails: CI installs it).
 */
public final class RedisProcess implements AutoCloseable {
    private static final List<Path> CANDIDATES = List.of(Path.of("/usr/bin/redis-server"),
            Path.of("/usr/local/bin/redis-server"));
    private final Path binary;
    private final int port;
    private final Path dir;
    private Process process;

    private RedisProcess(Path binary, int port, Path dir) {
        this.binary = binary;
        this.port = port;
        this.dir = dir;
    }

    /** Starts one, or skips the calling test when redis-server is not installed (outside CI). */
    public static RedisProcess startOrSkip() throws Exception {
        Path binary = CANDIDATES.stream().filter(Files::isExecutable).findFirst().orElse(null);
        if (binary == null) {
            String message = "redis-server is not installed (apt-get install -y redis-server)";
            if (System.getenv("CI") != null) {
                throw new AssertionError(message + "; CI must install it");
            }
            Assumptions.abort(message + ": skipping the Redis test");
        }
        RedisProcess r = new RedisProcess(binary, freePort(), Files.createTempDirectory("junction-redis"));
        r.start();
        return r;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** redis://127.0.0.1:PORT */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Starts the server (again, on the same port, empty) and waits until it answers PING. */
    public synchronized void start() throws Exception {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running");
        }
        process = new ProcessBuilder(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--daemonize", "no")
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!answersPing()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited: " + Files.readString(dir.resolve("redis.log")));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("redis-server did not answer on port " + port + " within 10 s");
            }
            Thread.onSpinWait();
            TimeUnit.MILLISECONDS.sleep(20); // polling a child process's readiness, not waiting for a result
        }
    }

    private boolean answersPing() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            s.setSoTimeout(500);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[7];
            int n = in.readNBytes(buf, 0, 7);
            return n == 7 && new String(buf, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    /** Ends the server by its PID (SIGTERM, then SIGKILL after 5 s) and waits for it. */
    public synchronized void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        ProcessHandle h = process.toHandle();
        h.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            h.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        process = null;
    }

    @Override
    public void close() throws Exception {
        stop();
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }
}
