package io.junction.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** With a PEM certificate and key the own HTTP server speaks HTTPS and WSS with that identity. */
class PemTlsTest {

    @ParameterizedTest(name = "{0} key as {1}")
    @CsvSource({"EC, PKCS8, PRIVATE KEY", "EC, LEGACY, EC PRIVATE KEY", "RSA, PKCS8, PRIVATE KEY",
            "RSA, LEGACY, RSA PRIVATE KEY"})
    void healthOverHttpsWithEveryKeyForm(String alg, String form, String label, @TempDir Path dir) throws Exception {
        PemFiles id = alg.equals("EC") ? PemFiles.ec() : PemFiles.rsa();
        String keyPem = form.equals("PKCS8") ? id.pkcs8Pem() : id.legacyPem();
        assertTrue(keyPem.startsWith("-----BEGIN " + label + "-----"), keyPem.lines().findFirst().orElse(""));
        Path cert = PemFiles.write(dir, "cert.pem", id.certificatePem());
        Path key = PemFiles.write(dir, "key.pem", keyPem);
        try (Junction j = Fixture.start(Junction.builder().tlsCertificate(cert).tlsPrivateKey(key))) {
            assertHealthy(PemFiles.clientTrusting(id.cert), j);
        }
    }

    @Test
    void anEncryptedPkcs8KeyWithItsPassword(@TempDir Path dir) throws Exception {
        PemFiles id = PemFiles.rsa();
        Path cert = PemFiles.write(dir, "cert.pem", id.certificatePem());
        Path key = PemFiles.write(dir, "key.pem", id.encryptedPkcs8Pem("key-pw-1"));
        try (Junction j = Fixture.start(Junction.builder().tlsCertificate(cert).tlsPrivateKey(key, "key-pw-1"))) {
            assertHealthy(PemFiles.clientTrusting(id.cert), j);
        }
    }

    @Test
    void aChainIssuedByACaIsSentWholeAndAJoinWorksOverWss(@TempDir Path dir) throws Exception {
        PemFiles ca = PemFiles.ca();
        PemFiles server = ca.issue();
        Path chain = PemFiles.write(dir, "chain.pem", server.certificatePem() + ca.certificatePem());
        Path key = PemFiles.write(dir, "key.pem", server.legacyPem());
        HttpClient trustsOnlyTheCa = PemFiles.clientTrusting(ca.cert);
        BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        try (Junction j = Fixture.start(Junction.builder().tlsCertificate(chain).tlsPrivateKey(key))) {
            assertHealthy(trustsOnlyTheCa, j);
            WebSocket ws = trustsOnlyTheCa.newWebSocketBuilder().buildAsync(
                    URI.create("wss://127.0.0.1:" + j.httpPort() + "/ws"), Fixture.jsonFrames(frames)).get(10, TimeUnit.SECONDS);
            ws.sendText("{\"type\":\"join\",\"room\":\"r1\",\"name\":\"ann\"}", true).get(5, TimeUnit.SECONDS);
            JsonNode joined = frames.poll(10, TimeUnit.SECONDS);
            assertEquals("joined", joined == null ? null : joined.get("type").asText(), String.valueOf(joined));
            ws.abort();
        }
    }

    private static void assertHealthy(HttpClient https, Junction j) throws Exception {
        HttpResponse<String> health = https.send(HttpRequest.newBuilder(
                URI.create("https://127.0.0.1:" + j.httpPort() + "/health")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
        assertEquals("ok", health.body());
    }
}
