package io.junction.server;

import java.io.StringWriter;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * Test identities: a fresh RSA 2048 or EC P-256 key pair with an X.509 certificate for
 * {@code 127.0.0.1} (self-signed, or issued by another identity), written as PEM files in the
 * forms {@link PemKeyStores} reads; plus HTTPS clients trusting one certificate.
 */
final class PemFiles {
    private static final SecureRandom RANDOM = new SecureRandom();
    final KeyPair keys;
    final X509Certificate cert;

    private PemFiles(KeyPair keys, X509Certificate cert) {
        this.keys = keys;
        this.cert = cert;
    }

    static PemFiles ec() throws Exception {
        return create("EC", "CN=127.0.0.1", null, false);
    }

    static PemFiles rsa() throws Exception {
        return create("RSA", "CN=127.0.0.1", null, false);
    }

    /** A certificate authority (EC) able to issue with {@link #issue}. */
    static PemFiles ca() throws Exception {
        return create("EC", "CN=Junction Test CA", null, true);
    }

    /** A server identity (EC, for 127.0.0.1) signed by this CA. */
    PemFiles issue() throws Exception {
        return create("EC", "CN=127.0.0.1", this, false);
    }

    private static PemFiles create(String alg, String subject, PemFiles issuer, boolean ca) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance(alg);
        if (alg.equals("EC")) {
            g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        } else {
            g.initialize(2048, RANDOM);
        }
        KeyPair pair = g.generateKeyPair();
        Instant now = Instant.now();
        X500Name name = new X500Name(subject);
        X500Name issuerName = issuer == null ? name : X500Name.getInstance(
                issuer.cert.getSubjectX500Principal().getEncoded());
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName,
                new BigInteger(63, RANDOM).add(BigInteger.ONE), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(2))), name, pair.getPublic());
        if (ca) {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        } else {
            b.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        }
        KeyPair signer = issuer == null ? pair : issuer.keys;
        String sigAlg = signer.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder(sigAlg).build(signer.getPrivate())));
        return new PemFiles(pair, cert);
    }

    /** The certificate as one {@code CERTIFICATE} block. */
    String certificatePem() throws Exception {
        return pem(cert);
    }

    /** The private key as PKCS#8 {@code PRIVATE KEY}. */
    String pkcs8Pem() {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    /** The private key in OpenSSL's legacy form: {@code RSA PRIVATE KEY} (PKCS#1) or {@code EC PRIVATE KEY} (SEC1). */
    String legacyPem() throws Exception {
        if (keys.getPrivate().getAlgorithm().equals("RSA")) {
            return pem(keys.getPrivate());
        }
        // SEC1 with the named curve in [0], as openssl writes it (the JDK's PKCS#8 inner key omits it).
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded());
        ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
        ECPrivateKey sec1 = new ECPrivateKey(256, inner.getKey(), info.getPrivateKeyAlgorithm().getParameters());
        return pem(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
    }

    /** The private key as {@code ENCRYPTED PRIVATE KEY} (PKCS#8, PBES2 with AES-256-CBC). */
    String encryptedPkcs8Pem(String password) throws Exception {
        JceOpenSSLPKCS8EncryptorBuilder enc = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                .setProvider(new BouncyCastleProvider()).setRandom(RANDOM).setPassword(password.toCharArray());
        return pem(new JcaPKCS8Generator(keys.getPrivate(), enc.build()).generate());
    }

    static String pem(Object o) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(o);
        }
        return out.toString();
    }

    static Path write(Path dir, String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    /** An HTTPS/WSS client trusting exactly {@code anchor}. */
    static HttpClient clientTrusting(X509Certificate anchor) throws Exception {
        return HttpClient.newBuilder().sslContext(sslTrusting(anchor)).connectTimeout(Duration.ofSeconds(5)).build();
    }

    static SSLContext sslTrusting(X509Certificate anchor) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("anchor", anchor);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return ssl;
    }
}
