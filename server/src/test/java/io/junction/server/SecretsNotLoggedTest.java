package io.junction.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import io.junction.client.SfuParticipantClient;
import io.junction.sfu.sdp.SessionDescription;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * With Junction's loggers at DEBUG, the auth secret, join tokens, admin token, keystore password,
 * PEM private key and its password and ICE passwords appear neither in the log nor in the admin
 * API and metrics output.
 */
class SecretsNotLoggedTest {
    private static final String AUTH_SECRET = "auth-secret-0123456789-abcdefghijklmnop";
    private static final String ADMIN_TOKEN = "admin-token-Zq7xW3";
    private static final String KEYSTORE_PASSWORD = "keystore-pw-Hh4kP9";
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger junction = (Logger) LoggerFactory.getLogger("io.junction");
    private Level rootLevel;
    private Level junctionLevel;

    @BeforeEach
    void capture() {
        rootLevel = root.getLevel();
        junctionLevel = junction.getLevel();
        root.setLevel(Level.DEBUG);
        junction.setLevel(Level.DEBUG);
        captured.start();
        root.addAppender(captured);
    }

    @AfterEach
    void restore() {
        root.detachAppender(captured);
        root.setLevel(rootLevel);
        junction.setLevel(junctionLevel);
    }

    private String logText() {
        StringBuilder out = new StringBuilder();
        synchronized (captured.list) {
            for (ILoggingEvent e : new ArrayList<>(captured.list)) {
                out.append(e.getFormattedMessage()).append('\n');
                for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                    out.append(t.getMessage()).append('\n');
                }
            }
        }
        return out.toString();
    }

    private static void assertAbsent(String where, String text, List<String> secrets) {
        for (String s : secrets) {
            assertFalse(text.contains(s), "secret " + s + " appears in the " + where);
        }
    }

    @Test
    void authSecretTokensAdminTokenAndIcePasswordsStayOut() throws Exception {
        String good = JWT.create().withClaim("room", "r").withExpiresAt(Instant.now().plusSeconds(120))
                .sign(Algorithm.HMAC256(AUTH_SECRET));
        String forged = JWT.create().withClaim("room", "r").withExpiresAt(Instant.now().plusSeconds(120))
                .sign(Algorithm.HMAC256(AUTH_SECRET.replace('a', 'b')));
        List<String> secrets = new ArrayList<>(List.of(AUTH_SECRET, ADMIN_TOKEN, good, forged));
        List<String> outputs = new ArrayList<>();
        try (Fixture f = new Fixture(); Junction j = Fixture.start(Junction.builder()
                .authenticator(JwtAuthenticator.hs256(AUTH_SECRET)).adminToken(ADMIN_TOKEN))) {
            SfuParticipantClient denied = f.join(j, "r", "eve", forged, false);
            assertEquals("unauthorized", AuthenticatorTest.firstEvent(denied, "error").get("code").asText());
            SfuParticipantClient a = f.join(j, "r", "ann", good, true);
            a.connected().get(15, TimeUnit.SECONDS);
            SessionDescription answer = a.lastRemoteDescription();
            assertNotNull(answer);
            String serverPwd = answer.effectiveIcePwd(answer.media().get(0));
            assertNotNull(serverPwd);
            secrets.add(serverPwd);
            String base = "http://127.0.0.1:" + j.httpPort();
            for (String path : List.of("/api/rooms", "/api/rooms/r", "/metrics")) {
                HttpResponse<String> r = f.get(base + path, ADMIN_TOKEN);
                assertEquals(200, r.statusCode(), path);
                outputs.add(r.body());
            }
            assertTrue(outputs.get(1).contains("ann"), outputs.get(1));
            a.leave();
        }
        assertTrue(logText().contains("denied"), "the denial is logged (without the token)");
        assertAbsent("log", logText(), secrets);
        assertAbsent("admin output", String.join("\n", outputs), secrets);
    }

    @Test
    void theKeystorePasswordStaysOut(@TempDir Path dir) throws Exception {
        Path ks = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "junction", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", KEYSTORE_PASSWORD)
                .redirectErrorStream(true).start();
        keytool.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS));
        String admin;
        try (Junction j = Fixture.start(Junction.builder().tlsKeystore(ks, KEYSTORE_PASSWORD)
                .adminToken(ADMIN_TOKEN))) {
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, new javax.net.ssl.TrustManager[] {new SelfSignedTest.TrustAll()}, null);
            HttpClient https = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> r = https.send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + j.httpPort() + "/api/rooms"))
                    .header("Authorization", "Bearer " + ADMIN_TOKEN).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            admin = r.body();
        }
        assertTrue(logText().contains("https://"), "the start is logged");
        assertAbsent("log", logText(), List.of(KEYSTORE_PASSWORD, ADMIN_TOKEN));
        assertAbsent("admin output", admin, List.of(KEYSTORE_PASSWORD, ADMIN_TOKEN));
    }

    @Test
    void thePemKeyAndItsPasswordStayOutButTheKeyPathIsLogged(@TempDir Path dir) throws Exception {
        PemFiles id = PemFiles.ec();
        Path cert = PemFiles.write(dir, "cert.pem", id.certificatePem());
        Path key = PemFiles.write(dir, "key.pem", id.encryptedPkcs8Pem(KEYSTORE_PASSWORD));
        List<String> secrets = new ArrayList<>(List.of(KEYSTORE_PASSWORD));
        for (String pem : List.of(id.pkcs8Pem(), java.nio.file.Files.readString(key))) {
            pem.lines().filter(l -> !l.startsWith("-----")).forEach(secrets::add);
        }
        IllegalArgumentException wrong = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Junction.builder().tlsCertificate(cert).tlsPrivateKey(key, KEYSTORE_PASSWORD + "x").build());
        assertAbsent("error message", wrong.getMessage(), secrets);
        try (Junction j = Fixture.start(Junction.builder().tlsCertificate(cert)
                .tlsPrivateKey(key, KEYSTORE_PASSWORD))) {
            HttpResponse<String> r = PemFiles.clientTrusting(id.cert).send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + j.httpPort() + "/health")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
        }
        assertTrue(logText().contains(key.toString()), "the key file path is logged");
        assertAbsent("log", logText(), secrets);
    }
}
