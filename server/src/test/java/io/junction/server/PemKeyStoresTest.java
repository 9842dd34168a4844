package io.junction.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PEM identities are checked at {@code build()}: every broken input gives an
 * {@link IllegalArgumentException} naming the option, never another exception.
 */
class PemKeyStoresTest {
    @TempDir
    static Path dir;
    private static PemFiles ec;
    private static PemFiles rsa;
    private static Path cert;
    private static Path key;

    /** What {@code openssl ecparam -name prime256v1 -genkey} writes before the key. */
    private static final String EC_PARAMETERS_P256 =
            "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n";

    private record Row(String what, String expected, UnaryOperator<JunctionBuilder> change) {
    }

    @BeforeAll
    static void identities() throws Exception {
        ec = PemFiles.ec();
        rsa = PemFiles.rsa();
        cert = PemFiles.write(dir, "cert.pem", ec.certificatePem());
        key = PemFiles.write(dir, "key.pem", ec.pkcs8Pem());
    }

    private static Path file(String name, String text) throws Exception {
        return PemFiles.write(dir, name, text);
    }

    /** {@code pem} cut after {@code chars} characters of its first base64 line, END line kept. */
    private static String truncated(String pem, int chars) {
        List<String> lines = new ArrayList<>(pem.lines().toList());
        return lines.get(0) + "\n" + lines.get(1).substring(0, chars) + "\n" + lines.get(lines.size() - 1) + "\n";
    }

    private List<Row> rows() throws Exception {
        Path empty = file("empty.pem", "");
        Path garbage = file("garbage.pem", "this is not PEM at all\n\u0001\u0002\u00ff\n");
        Path badBase64 = file("badbase64.pem", "-----BEGIN CERTIFICATE-----\n!!!!not*base64!!!!\n-----END CERTIFICATE-----\n");
        Path noEnd = file("noend.pem", ec.certificatePem().replace("-----END CERTIFICATE-----", ""));
        Path shortCert = file("short-cert.pem", truncated(ec.certificatePem(), 13));
        Path shortKey = file("short-key.pem", truncated(ec.pkcs8Pem(), 13));
        Path shortLegacyKey = file("short-legacy.pem", truncated(rsa.legacyPem(), 13));
        Path quantumCert = file("quantum-cert.pem", truncated(ec.certificatePem(), 12));
        Path quantumKey = file("quantum-key.pem", truncated(rsa.pkcs8Pem(), 12));
        Path quantumSec1 = file("quantum-sec1.pem", truncated(ec.legacyPem(), 12));
        Path rsaKey = file("rsa-key.pem", rsa.pkcs8Pem());
        Path otherEcKey = file("other-ec.pem", PemFiles.ec().legacyPem());
        Path encrypted = file("enc.pem", ec.encryptedPkcs8Pem("right-pw"));
        Path publicKey = file("pub.pem", PemFiles.pem(ec.keys.getPublic()));
        Path twoKeys = file("two.pem", ec.pkcs8Pem() + ec.legacyPem());
        Path keystore = file("x.p12", "x");
        Path ed25519 = file("ed25519.pem", "-----BEGIN PRIVATE KEY-----\n" + java.util.Base64.getEncoder().encodeToString(
                java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        Path sec1WithoutCurve = file("nocurve.pem", PemFiles.pem(ec.keys.getPrivate()));
        Path missing = dir.resolve("missing.pem");
        return List.of(
                new Row("unreadable chain", "tlsCertificate must be a readable PEM file",
                        b -> b.tlsCertificate(missing).tlsPrivateKey(key)),
                new Row("unreadable key", "tlsPrivateKey must be a readable PEM file",
                        b -> b.tlsCertificate(cert).tlsPrivateKey(dir)),
                new Row("empty chain", "tlsCertificate must hold at least one PEM CERTIFICATE",
                        b -> b.tlsCertificate(empty).tlsPrivateKey(key)),
                new Row("empty key", "tlsPrivateKey must hold a PEM PRIVATE KEY",
                        b -> b.tlsCertificate(cert).tlsPrivateKey(empty)),
                new Row("garbage chain", "tlsCertificate must hold at least one PEM CERTIFICATE",
                        b -> b.tlsCertificate(garbage).tlsPrivateKey(key)),
                new Row("garbage key", "tlsPrivateKey must hold a PEM PRIVATE KEY",
                        b -> b.tlsCertificate(cert).tlsPrivateKey(garbage)),
                new Row("bad base64", "tlsCertificate is not valid PEM",
                        b -> b.tlsCertificate(badBase64).tlsPrivateKey(key)),
                new Row("no END line", "tlsCertificate is not valid PEM",
                        b -> b.tlsCertificate(noEnd).tlsPrivateKey(key)),
                new Row("truncated chain", "tlsCertificate is not valid PEM",
                        b -> b.tlsCertificate(shortCert).tlsPrivateKey(key)),
                new Row("truncated PKCS#8 key", "tlsPrivateKey is not valid PEM",
                        b -> b.tlsCertificate(cert).tlsPrivateKey(shortKey)),
                new Row("truncated PKCS#1 key", "tlsPrivateKey is not valid PEM",
                        b -> b.tlsCertificate(cert).tlsPrivateKey(shortLegacyKey)),
                new Row("DER cut at a base64 quantum (chain)", "tlsCertificate is not valid PEM",
                        b -> b.tlsCertificate(quantumCert).tlsPrivateKey(key)),
                new Row("DER cut at a base64 quantum (PKCS#8)", "tlsPrivateKey is not valid PEM",
                        b -> b.tlsCertificate(cert).tlsPrivateKey(quantumKey)),
                new Row("DER cut at a base64 quantum (SEC1)", "tlsPrivateKey is not valid PEM",
                        b -> b.tlsCertificate(cert).tlsPrivateKey(quantumSec1)),
                new Row("certificate as key", "tlsPrivateKey must hold a PEM PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE"
                        + " KEY block (" + cert + " holds only [CERTIFICATE])",
                        b -> b.tlsCertificate(cert).tlsPrivateKey(cert)),
                new Row("key as certificate", "tlsCertificate must hold at least one PEM CERTIFICATE block ("
                        + key + " holds only [private key])",
                        b -> b.tlsCertificate(key).tlsPrivateKey(key)),
                new Row("public key as key", "tlsPrivateKey must hold a PEM PRIVATE KEY",
                        b -> b.tlsCertificate(cert).tlsPrivateKey(publicKey)),
                new Row("Ed25519 key", "tlsPrivateKey must be an RSA or EC private key",
                        b -> b.tlsCertificate(cert).tlsPrivateKey(ed25519)),
                new Row("SEC1 key without its curve", "tlsPrivateKey holds a malformed EC private key",
                        b -> b.tlsCertificate(cert).tlsPrivateKey(sec1WithoutCurve)),
                new Row("two keys", "tlsPrivateKey must hold exactly one private key",
                        b -> b.tlsCertificate(cert).tlsPrivateKey(twoKeys)),
                new Row("RSA key, EC certificate", "tlsPrivateKey does not match the public key of the first certificate",
                        b -> b.tlsCertificate(cert).tlsPrivateKey(rsaKey)),
                new Row("another EC key", "tlsPrivateKey does not match the public key of the first certificate",
                        b -> b.tlsCertificate(cert).tlsPrivateKey(otherEcKey)),
                new Row("encrypted, no password", "tlsPrivateKey is encrypted",
                        b -> b.tlsCertificate(cert).tlsPrivateKey(encrypted)),
                new Row("encrypted, wrong password", "tlsPrivateKey cannot be decrypted with the given password",
                        b -> b.tlsCertificate(cert).tlsPrivateKey(encrypted, "wrong-pw")),
                new Row("certificate only", "tlsPrivateKey is missing: tlsCertificate and tlsPrivateKey must be given"
                        + " together", b -> b.tlsCertificate(cert)),
                new Row("key only", "tlsCertificate is missing", b -> b.tlsPrivateKey(key)),
                new Row("PEM and keystore", "tlsCertificate/tlsPrivateKey and tlsKeystore are exclusive",
                        b -> b.tlsCertificate(cert).tlsPrivateKey(key).tlsKeystore(keystore, "pw")),
                new Row("PEM and self-signed", "selfSigned and tlsCertificate/tlsPrivateKey are exclusive",
                        b -> b.tlsCertificate(cert).tlsPrivateKey(key).selfSigned(true)));
    }

    @Test
    void everyBrokenInputNamesTheOption() throws Exception {
        for (Row row : rows()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> row.change().apply(Junction.builder()).build(), row.what());
            assertTrue(e.getMessage().startsWith(row.expected()), row.what() + ": " + e.getMessage());
            assertFalse(e.getMessage().contains("right-pw") || e.getMessage().contains("wrong-pw"), e.getMessage());
        }
    }

    @Test
    void theKeyMustMatchTheFirstCertificateOfTheChain() throws Exception {
        PemFiles ca = PemFiles.ca();
        PemFiles server = ca.issue();
        Path reversed = file("reversed.pem", ca.certificatePem() + server.certificatePem());
        Path serverKey = file("server-key.pem", server.pkcs8Pem());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Junction.builder().tlsCertificate(reversed).tlsPrivateKey(serverKey).build());
        assertTrue(e.getMessage().contains("the server's own certificate must come first in tlsCertificate"),
                e.getMessage());
    }

    @Test
    void aValidIdentityBecomesAKeyStoreWithTheWholeChain() throws Exception {
        PemFiles ca = PemFiles.ca();
        PemFiles server = ca.issue();
        Path chain = file("chain.pem", server.certificatePem() + ca.certificatePem());
        Path ecParamsAndKey = file("sec1.pem", EC_PARAMETERS_P256 + server.legacyPem());
        PemKeyStores.Identity id = PemKeyStores.load(chain, "c", ecParamsAndKey, "k", null);
        assertEquals(server.cert, id.leaf());
        X509Certificate[] stored = (X509Certificate[]) id.keyStore().getCertificateChain(PemKeyStores.ALIAS);
        assertEquals(List.of(server.cert, ca.cert), List.of(stored));
        assertNotNull(id.keyStore().getKey(PemKeyStores.ALIAS, id.password().toCharArray()));
        assertEquals(ecParamsAndKey, id.keyFile());
        assertTrue(Files.readString(ecParamsAndKey).contains("BEGIN EC PARAMETERS"));
    }
}
