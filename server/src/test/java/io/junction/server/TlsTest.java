package io.junction.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With a PKCS12 keystore the own HTTP server speaks HTTPS only. */
class TlsTest {

    @Test
    void servesHttpsWithTheKeystore(@TempDir Path dir) throws Exception {
        Path ks = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "junction", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", "secret-pw")
                .redirectErrorStream(true).start();
        keytool.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertEquals(true, keytool.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, keytool.exitValue());

        try (Junction j = Fixture.start(Junction.builder().tlsKeystore(ks, "secret-pw"))) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            try (var in = java.nio.file.Files.newInputStream(ks)) {
                trust.load(in, "secret-pw".toCharArray());
            }
            X509Certificate cert = (X509Certificate) trust.getCertificate("junction");
            HttpClient https = PemFiles.clientTrusting(cert);
            HttpResponse<String> health = https.send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + j.httpPort() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            assertEquals("ok", health.body());
            HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            assertThrows(java.io.IOException.class, () -> plain.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + j.httpPort() + "/health")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
    }
}
