package io.junction.signaling.socketio;

import io.junction.signaling.Conditions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.junction.ice.IceConfig;
import io.junction.sfu.SfuEngine;
import io.junction.sfu.SfuOptions;
import io.junction.signaling.RoomMode;
import io.junction.signaling.RoomSettings;
import io.junction.signaling.SignalingOptions;
import io.junction.signaling.SignalingServer;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Unchanged classic clients: Node's {@code socket.io-client} (version pinned in
 * src/test/socketio/package-lock.json) runs each dialect's flow, a mixed room with a {@code /ws}
 * client, and the bad-input rows against a server on loopback in this JVM, over WebSocket,
 * long-polling and polling upgraded to WebSocket; and each dialect in an {@code sfu} room with the
 * real media engine, where the server is the classic client's single peer (its offer answered
 * with the speaker-following stream, its tracks offered to a {@code /ws} participant). Skipped
 * (with the reason) only when {@code node} is not installed.
 */
class SocketIoClassicTest {
    private static final Path SCRIPTS = Path.of("src", "test", "socketio");
    private static Server http;
    private static SignalingServer signaling;
    private static SocketIoFront front;
    private static int port;
    private static String node;
    private static SfuEngine engine;

    @BeforeAll
    static void start() throws Exception {
        node = onPath("node");
        if (node == null) {
            return;
        }
        if (!Files.isDirectory(SCRIPTS.resolve("node_modules"))) {
            String npm = onPath("npm");
            Assumptions.assumeTrue(npm != null, "npm is not installed; run `npm ci` in " + SCRIPTS.toAbsolutePath());
            run(List.of(npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"), 180);
        }
        // Rooms named sfu-* are sfu rooms, the rest p2p; frames over 4 KiB are too large; the rate
        // limiter's clock is frozen, so a connection has exactly its burst of 100 messages.
        SignalingOptions options = SignalingOptions.defaults()
                .withRoomPolicy(room -> RoomSettings.defaultsFor(room.startsWith("sfu") ? RoomMode.SFU : RoomMode.P2P))
                .withMaxFrameBytes(4096)
                .withNanoClock(() -> 0L);
        IceConfig ice = IceConfig.builder().bindAddress("127.0.0.1").port(0)
                .announcedAddresses(List.of("127.0.0.1")).build();
        engine = new SfuEngine(SfuOptions.defaults(ice));
        signaling = new SignalingServer(engine, options);
        front = new SocketIoFront(signaling);
        http = new Server();
        ServerConnector connector = new ServerConnector(http);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        http.addConnector(connector);
        Handler.Wrapper socketIo = front.handler(http);
        socketIo.setHandler(signaling.webSocketHandler(http));
        http.setHandler(socketIo);
        http.start();
        port = connector.getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        if (front != null) {
            front.close();
        }
        if (signaling != null) {
            signaling.close();
        }
        if (http != null) {
            http.stop();
        }
        if (engine != null) {
            engine.close();
        }
    }

    @ParameterizedTest(name = "{0} over {1}")
    @CsvSource({
        "positional, websocket", "positional, polling", "positional, upgrade",
        "object, websocket", "object, polling", "object, upgrade",
        "codelab, websocket", "codelab, polling",
        "mixed, websocket", "mixed, polling",
        "sfu-positional, websocket", "sfu-positional, polling",
        "sfu-object, websocket", "sfu-object, upgrade",
        "sfu-codelab, websocket", "sfu-codelab, polling",
    })
    void classicFlow(String scenario, String transport) throws Exception {
        scenario(scenario, transport);
        Conditions.await(() -> signaling.rooms().roomCount() == 0 && front.connections() == 0,
                "rooms and connections released after " + scenario + "/" + transport + ": rooms "
                        + signaling.rooms().roomSizes() + ", connections " + front.connections());
    }

    @Test
    void badInputIsAnErrorEventWithTheCodesOfWs() throws Exception {
        Map<String, Long> before = signaling.errorCounts();
        scenario("errors", "polling");
        scenario("errors", "websocket");
        Map<String, Long> after = signaling.errorCounts();
        for (String code : List.of("not-in-room", "bad-message", "too-large", "rate-limited")) {
            assertTrue(after.getOrDefault(code, 0L) >= before.getOrDefault(code, 0L) + 2, code + " counted: " + after);
        }
    }

    private static void scenario(String scenario, String transport) throws Exception {
        Assumptions.assumeTrue(node != null, "node is not installed: the socket.io-client tests need Node.js");
        String out = run(List.of(node, "classic.mjs", String.valueOf(port), scenario, transport), 60);
        assertTrue(out.contains("PASS"), out);
    }

    private static String run(List<String> command, int timeoutSeconds) throws Exception {
        Process p = new ProcessBuilder(command).directory(SCRIPTS.toFile()).redirectErrorStream(true).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(command + " did not end within " + timeoutSeconds + " s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), command + " failed:\n" + out);
        return out;
    }

    private static String onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File f = new File(dir, program);
            if (f.canExecute()) {
                return f.getAbsolutePath();
            }
        }
        return null;
    }
}
