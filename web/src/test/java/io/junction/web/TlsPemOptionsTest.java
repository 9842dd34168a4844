package io.junction.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code --tls-cert} and {@code --tls-key} come from every source, are checked at parse time
 * naming the option, and make the runnable server speak HTTPS with that certificate.
 */
class TlsPemOptionsTest {
    @TempDir
    static Path dir;
    private static X509Certificate cert;
    private static Path certFile;
    private static Path keyFile;
    private static Path encryptedKeyFile;

    @BeforeAll
    static void identity() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = g.generateKeyPair();
        X500Name name = new X500Name("CN=127.0.0.1");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.TEN,
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), name,
                pair.getPublic());
        b.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        cert = new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        certFile = Files.writeString(dir.resolve("cert.pem"), pem("CERTIFICATE", cert.getEncoded()));
        keyFile = Files.writeString(dir.resolve("key.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        // ENCRYPTED PRIVATE KEY (PKCS#8, PBES2 with AES-256-CBC), as `openssl pkey -aes256` writes it
        java.io.StringWriter out = new java.io.StringWriter();
        try (org.bouncycastle.openssl.jcajce.JcaPEMWriter w = new org.bouncycastle.openssl.jcajce.JcaPEMWriter(out)) {
            w.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(pair.getPrivate(),
                    new org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder(
                            org.bouncycastle.openssl.PKCS8Generator.AES_256_CBC)
                            .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider())
                            .setPassword("s3cret-pass".toCharArray()).build()).generate());
        }
        encryptedKeyFile = Files.writeString(dir.resolve("encrypted-key.pem"), out.toString());
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static String error(Map<String, String> env, String... args) {
        return assertThrows(CommandLine.ParameterException.class, () -> JunctionMain.parse(env, args)).getMessage();
    }

    @Test
    void fromTheCommandLineTheEnvironmentAndTheConfigFile() throws Exception {
        Options cli = JunctionMain.parse("--tls-cert", certFile.toString(), "--tls-key", keyFile.toString());
        assertEquals(certFile, cli.tlsCert());
        assertEquals(keyFile, cli.tlsKey());
        Options env = JunctionMain.parse(Map.of("JUNCTION_TLS_CERT", certFile.toString(),
                "JUNCTION_TLS_KEY", keyFile.toString()));
        assertEquals(certFile, env.tlsCert());
        assertEquals(keyFile, env.tlsKey());
        Path config = Files.writeString(dir.resolve("j.properties"),
                "tls-cert=" + certFile + "\ntls-key=" + keyFile + "\n");
        Options file = JunctionMain.parse(Map.of(), "--config", config.toString());
        assertEquals(certFile, file.tlsCert());
        assertEquals(keyFile, file.tlsKey());
        assertTrue(file.toString().contains("tlsKey=" + keyFile), file.toString());
        assertNull(JunctionMain.parse().tlsCert());
    }

    @Test
    void badValuesNameTheOption() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not pem");
        Path keystore = Files.writeString(dir.resolve("k.p12"), "x");
        String c = certFile.toString();
        String k = keyFile.toString();
        assertTrue(error(Map.of(), "--tls-cert", c).startsWith("--tls-key is missing"));
        assertTrue(error(Map.of("JUNCTION_TLS_KEY", k)).startsWith("--tls-cert is missing"));
        assertTrue(error(Map.of(), "--tls-cert", c, "--tls-key", garbage.toString()).startsWith("--tls-key must hold"));
        assertTrue(error(Map.of(), "--tls-cert", c, "--tls-key", c).startsWith("--tls-key must hold"));
        assertTrue(error(Map.of(), "--tls-cert", k, "--tls-key", k).startsWith("--tls-cert must hold"));
        assertTrue(error(Map.of(), "--tls-cert", c, "--tls-key", dir.resolve("none.pem").toString())
                .startsWith("--tls-key must be a readable PEM file"));
        assertTrue(error(Map.of(), "--tls-cert", c, "--tls-key", k, "--tls-keystore", keystore.toString(),
                "--tls-keystore-password", "pw").contains("exclusive"));
        assertTrue(error(Map.of(), "--tls-cert", c, "--tls-key", k, "--self-signed").contains("exclusive"));
    }

    @Test
    void anEncryptedKeyIsOpenedWithTlsKeyPassword() throws Exception {
        String c = certFile.toString();
        String e = encryptedKeyFile.toString();
        Options o = JunctionMain.parse(Map.of("JUNCTION_TLS_KEY_PASSWORD", "s3cret-pass"), "--tls-cert", c, "--tls-key", e);
        assertEquals("s3cret-pass", o.tlsKeyPassword());
        assertTrue(!o.toString().contains("s3cret-pass"), "the password is masked: " + o);
        try (io.junction.server.Junction j = o.toBuilder().httpPort(0).mediaPort(0).mediaBindAddress("127.0.0.1")
                .build()) {
            assertTrue(j != null, "the builder decrypts it too");
        }
        assertTrue(error(Map.of(), "--tls-cert", c, "--tls-key", e).contains("encrypted and no password"));
        String wrong = error(Map.of(), "--tls-cert", c, "--tls-key", e, "--tls-key-password", "nope");
        assertTrue(wrong.startsWith("--tls-key"), wrong);
        assertTrue(!wrong.contains("nope"), "the password is not echoed: " + wrong);
        assertTrue(error(Map.of(), "--tls-key-password", "x").startsWith("--tls-key-password is given without --tls-key"));
    }

    @Test
    void theServerSpeaksHttpsWithThatCertificate() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        HttpClient https = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
        Options o = JunctionMain.parse("--port", "0", "--media-port", "0", "--media-bind", "127.0.0.1",
                "--announce", "127.0.0.1", "--tls-cert", certFile.toString(), "--tls-key", keyFile.toString());
        try (JunctionServer server = JunctionServer.start(o, "127.0.0.1")) {
            HttpResponse<String> health = https.send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + server.port() + "/health")).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            assertEquals("ok", health.body());
        }
    }
}
