package io.junction.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.junction.signaling.RoomMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Command line > environment > config file > defaults, with one set of names. */
class OptionsSourcesTest {

    @Test
    void precedenceIsCommandLineThenEnvironmentThenFileThenDefault(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("junction.properties");
        Files.writeString(file, "port=7000\nmedia-port=7001\nmode=p2p\nroom-capacity=3\nadmin-token=from-file-123\n"
                + "announce=10.0.0.1,10.0.0.2\n");
        Map<String, String> env = Map.of("JUNCTION_PORT", "7100", "JUNCTION_MEDIA_PORT", "7101",
                "JUNCTION_LOG_LEVEL", "DEBUG");
        Options o = JunctionMain.parse(env, "--config", file.toString(), "--port", "7200");
        assertEquals(7200, o.port(), "command line wins");
        assertEquals(7101, o.mediaPort(), "environment beats the file");
        assertEquals(RoomMode.P2P, o.defaultMode(), "file beats the default");
        assertEquals(3, o.roomCapacity());
        assertEquals("from-file-123", o.adminToken());
        assertEquals(List.of("10.0.0.1", "10.0.0.2"), o.announce());
        assertEquals("debug", o.logLevel());
        assertEquals(65536, o.maxFrameBytes(), "built-in default");
        assertNull(o.tlsKeystore());

        Options viaEnvFile = JunctionMain.parse(Map.of("JUNCTION_CONFIG", file.toString()));
        assertEquals(7000, viaEnvFile.port());
    }

    @Test
    void badSourcesNameTheOption(@TempDir Path dir) throws Exception {
        Path typo = dir.resolve("typo.properties");
        Files.writeString(typo, "prot=1\n");
        String m = assertThrows(CommandLine.ParameterException.class,
                () -> JunctionMain.parse(Map.of(), "--config", typo.toString())).getMessage();
        assertTrue(m.contains("unknown key 'prot'"), m);
        assertTrue(assertThrows(CommandLine.ParameterException.class,
                () -> JunctionMain.parse(Map.of("JUNCTION_ROOM_CAPACITY", "0x"))).getMessage().contains("room-capacity"));
        assertTrue(assertThrows(CommandLine.ParameterException.class,
                () -> JunctionMain.parse(Map.of("JUNCTION_RATE_LIMIT", "0"))).getMessage()
                .contains("--rate-limit must be in (0, 10000]"));
        assertTrue(assertThrows(CommandLine.ParameterException.class,
                () -> JunctionMain.parse("--log-level", "loud")).getMessage().contains("--log-level must be one of"));
        assertTrue(assertThrows(CommandLine.ParameterException.class,
                () -> JunctionMain.parse("--admin-token", "short")).getMessage().contains("--admin-token"));
        assertTrue(assertThrows(CommandLine.ParameterException.class,
                () -> JunctionMain.parse("--tls-keystore", dir.resolve("none.p12").toString())).getMessage()
                .contains("--tls-keystore must be a readable PKCS12 file"));
        assertTrue(assertThrows(CommandLine.ParameterException.class,
                () -> JunctionMain.parse("--room-capacity", "10001")).getMessage()
                .contains("--room-capacity must be in 0..10000"));
        assertThrows(CommandLine.ParameterException.class, () -> JunctionMain.parse("--config", dir.resolve("x").toString()));
        assertTrue(assertThrows(CommandLine.ParameterException.class,
                () -> JunctionMain.parse("--max-rooms", "0")).getMessage().contains("--max-rooms must be in 1..1000000"));
        assertTrue(assertThrows(CommandLine.ParameterException.class,
                () -> JunctionMain.parse("--max-tracks", "300")).getMessage().contains("--max-tracks must be in 1..256"));
        assertTrue(assertThrows(CommandLine.ParameterException.class,
                () -> JunctionMain.parse("--handshake-timeout", "61")).getMessage()
                .contains("--handshake-timeout must be in 1..60"));
        for (String bad : new String[] {"0", "1001"}) {
            assertTrue(assertThrows(CommandLine.ParameterException.class,
                    () -> JunctionMain.parse("--max-half-open", bad)).getMessage()
                    .contains("--max-half-open must be in 1..1000 (got " + bad + ")"));
        }
        for (String bad : new String[] {"1024", "300000000"}) {
            assertTrue(assertThrows(CommandLine.ParameterException.class,
                    () -> JunctionMain.parse("--media-socket-buffer", bad)).getMessage()
                    .contains("--media-socket-buffer must be in 65536..268435456 (got " + bad + ")"));
        }
        assertEquals(0, JunctionMain.parse("--media-socket-buffer", "0").mediaSocketBuffer(), "0 = kernel default");
        assertEquals(4 << 20, JunctionMain.parse().mediaSocketBuffer());
        for (String bad : new String[] {"0", "257"}) {
            assertTrue(assertThrows(CommandLine.ParameterException.class,
                    () -> JunctionMain.parse("--handshake-threads", bad)).getMessage()
                    .contains("--handshake-threads must be in 1..256 (got " + bad + ")"));
        }
    }

    @Test
    void limitsComeFromEverySource(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("j.properties");
        Files.writeString(file, "max-tracks=4\nhandshake-timeout=20\nmax-half-open=3\nhandshake-threads=12\n");
        Options o = JunctionMain.parse(Map.of("JUNCTION_MAX_ROOMS", "7"), "--config", file.toString());
        assertEquals(7, o.maxRooms());
        assertEquals(4, o.maxTracks());
        assertEquals(20, o.handshakeTimeout());
        assertEquals(3, o.maxHalfOpen());
        assertEquals(12, o.handshakeThreads());
        assertEquals(40, JunctionMain.parse(Map.of("JUNCTION_HANDSHAKE_THREADS", "40"), "--config", file.toString())
                .handshakeThreads(), "the environment wins over the file");
        assertEquals(64, JunctionMain.parse(Map.of("JUNCTION_HANDSHAKE_THREADS", "40"), "--handshake-threads", "64")
                .handshakeThreads(), "the command line wins over the environment");
        assertEquals(5, JunctionMain.parse(Map.of("JUNCTION_MAX_HALF_OPEN", "5"), "--config", file.toString())
                .maxHalfOpen(), "the environment wins over the file");
        assertEquals(1000, JunctionMain.parse(Map.of("JUNCTION_MAX_HALF_OPEN", "5"), "--max-half-open", "1000")
                .maxHalfOpen(), "the command line wins over the environment");
        assertEquals(List.of("https://a.example", "https://b.example:8443"),
                JunctionMain.parse(Map.of("JUNCTION_ALLOWED_ORIGINS", "https://a.example,https://b.example:8443"))
                        .allowedOrigins());
        assertTrue(assertThrows(CommandLine.ParameterException.class,
                () -> JunctionMain.parse("--allowed-origins", "--auth-public-key", "--self-signed", "a.example")).getMessage().contains("--allowed-origins"));
        Options d = JunctionMain.parse();
        assertEquals(1000, d.maxRooms());
        assertEquals(16, d.maxTracks());
        assertEquals(10, d.handshakeTimeout());
        assertEquals(8, d.maxHalfOpen());
        assertEquals(32, d.handshakeThreads());
        assertEquals(d, Options.defaults());
    }

    @Test
    void authSecretIsCheckedAndSecretsAreNotPrinted() {
        assertTrue(assertThrows(CommandLine.ParameterException.class,
                () -> JunctionMain.parse("--auth-secret", "too-short")).getMessage()
                .contains("--auth-secret must be at least 32 bytes"));
        Options o = JunctionMain.parse(Map.of("JUNCTION_AUTH_SECRET", "0123456789abcdef0123456789abcdef",
                "JUNCTION_ADMIN_TOKEN", "admin-secret-1"));
        assertEquals("0123456789abcdef0123456789abcdef", o.authSecret());
        assertTrue(!o.toString().contains("0123456789abcdef") && !o.toString().contains("admin-secret-1"),
                o.toString());
    }

    @Test
    void authPublicKeyIsCheckedAndExclusive(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.pem");
        Files.writeString(bad, "hello");
        assertTrue(assertThrows(CommandLine.ParameterException.class,
                () -> JunctionMain.parse("--auth-public-key", bad.toString())).getMessage()
                .contains("--auth-public-key"));
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        Path good = dir.resolve("pub.pem");
        Files.writeString(good, "-----BEGIN PUBLIC KEY-----\n" + java.util.Base64.getMimeEncoder()
                .encodeToString(g.generateKeyPair().getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        assertEquals(good, JunctionMain.parse(Map.of("JUNCTION_AUTH_PUBLIC_KEY", good.toString())).authPublicKey());
        assertTrue(assertThrows(CommandLine.ParameterException.class, () -> JunctionMain.parse("--auth-public-key",
                good.toString(), "--auth-secret", "0123456789abcdef0123456789abcdef")).getMessage()
                .contains("exclusive"));
    }

    @Test
    void selfSignedFromEverySource(@TempDir Path dir) throws Exception {
        assertTrue(JunctionMain.parse("--self-signed").selfSigned());
        assertTrue(JunctionMain.parse(Map.of("JUNCTION_SELF_SIGNED", "true")).selfSigned());
        assertTrue(!JunctionMain.parse().selfSigned());
        Path ks = dir.resolve("k.p12");
        Files.write(ks, new byte[] {1});
        assertTrue(assertThrows(CommandLine.ParameterException.class, () -> JunctionMain.parse("--self-signed",
                "--tls-keystore", ks.toString(), "--tls-keystore-password", "pw")).getMessage().contains("exclusive"));
    }

    @Test
    void iceAllowedNetworksFromEverySourceAndValidated(@TempDir Path dir) throws Exception {
        assertEquals(List.of("10.0.0.0/8", "::1/128"),
                JunctionMain.parse("--ice-allowed-networks", "10.0.0.0/8,::1/128").iceAllowedNetworks());
        assertEquals(List.of("192.168.1.0/24", "127.0.0.0/8"), JunctionMain.parse(
                Map.of("JUNCTION_ICE_ALLOWED_NETWORKS", "192.168.1.0/24,127.0.0.0/8")).iceAllowedNetworks());
        Path file = dir.resolve("n.properties");
        Files.writeString(file, "ice-allowed-networks=fd00::/8\n");
        assertEquals(List.of("fd00::/8"), JunctionMain.parse(Map.of(), "--config", file.toString()).iceAllowedNetworks());
        assertEquals(List.of(), JunctionMain.parse().iceAllowedNetworks());
        String m = assertThrows(CommandLine.ParameterException.class,
                () -> JunctionMain.parse("--ice-allowed-networks", "10.0.0.1/8")).getMessage();
        assertTrue(m.startsWith("--ice-allowed-networks: '10.0.0.1/8'") && m.contains("host bits"), m);
        assertTrue(assertThrows(CommandLine.ParameterException.class,
                () -> JunctionMain.parse(Map.of("JUNCTION_ICE_ALLOWED_NETWORKS", "10.0.0.0/33"))).getMessage()
                .contains("--ice-allowed-networks"));
    }

    @Test
    void helpNamesEveryOptionAndTheEnvironmentRule() {
        String usage = new CommandLine(new JunctionMain()).getUsageMessage();
        for (String option : List.of("--config", "--port", "--bind", "--media-port", "--media-bind", "--announce",
                "--mode", "--room-capacity", "--max-frame-bytes", "--rate-limit", "--rate-burst", "--tls-keystore",
                "--tls-keystore-password", "--auth-secret", "--admin-token", "--log-level", "--help", "--max-rooms",
                "--max-tracks", "--handshake-timeout", "--handshake-threads", "--max-half-open", "--allowed-origins", "--auth-public-key",
                "--self-signed", "--tls-cert", "--tls-key", "--tls-key-password", "--ice-allowed-networks",
                "--media-socket-buffer",
                "JUNCTION_<NAME>", "JUNCTION_CONFIG", "Precedence")) {
            assertTrue(usage.contains(option), option + " in\n" + usage);
        }
    }
}
