package io.junction.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.Test;

/** {@code selfSigned(true)} serves HTTPS with a certificate generated at start-up. */
class SelfSignedTest {

    /** Trusts every server certificate and remembers the last one seen. */
    static final class TrustAll extends X509ExtendedTrustManager {
        final AtomicReference<X509Certificate> seen = new AtomicReference<>();

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            seen.set(chain[0]);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            seen.set(chain[0]);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            seen.set(chain[0]);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    @Test
    void aClientTrustingAllCertificatesGetsHealthOverHttps() throws Exception {
        try (Junction j = Fixture.start(Junction.builder().selfSigned(true))) {
            TrustAll trust = new TrustAll();
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, new javax.net.ssl.TrustManager[] {trust}, null);
            HttpClient https = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> health = https.send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + j.httpPort() + "/health")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            assertEquals("ok", health.body());
            X509Certificate cert = trust.seen.get();
            assertNotNull(cert);
            assertEquals(cert.getSubjectX500Principal(), cert.getIssuerX500Principal(), "self-signed");
            assertTrue(cert.getSubjectAlternativeNames().stream().anyMatch(n -> n.get(1).equals("127.0.0.1")),
                    String.valueOf(cert.getSubjectAlternativeNames()));
            cert.checkValidity();
        }
    }

    @Test
    void generatedIdentitiesDifferAndNameTheExtraHosts() throws Exception {
        SelfSignedCertificate a = SelfSignedCertificate.generate(List.of("media.example.test", "10.0.0.7"));
        SelfSignedCertificate b = SelfSignedCertificate.generate(List.of());
        assertTrue(!a.fingerprint().equals(b.fingerprint()));
        assertTrue(!a.password().equals(b.password()));
        String names = String.valueOf(a.certificate().getSubjectAlternativeNames());
        assertTrue(names.contains("media.example.test") && names.contains("10.0.0.7") && names.contains("localhost"),
                names);
        assertNotNull(a.keyStore().getKey(SelfSignedCertificate.ALIAS, a.password().toCharArray()));
    }

    @Test
    void selfSignedAndAKeystoreAreExclusive() throws Exception {
        Path any = Path.of(getClass().getResource("/").toURI()).resolve("x.p12");
        java.nio.file.Files.write(any, new byte[] {1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Junction.builder().selfSigned(true).tlsKeystore(any, "pw").build());
        assertTrue(e.getMessage().contains("selfSigned"), e.getMessage());
    }
}
