package io.junction.server;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away TLS identity for local HTTPS ({@code --self-signed}): a fresh ECDSA P-256 key and
 * a self-signed certificate (RFC 5280) valid for 30 days, for {@code localhost}, the loopback
 * addresses and the given extra names, in an in-memory PKCS12 key store whose random password
 * never leaves this object. Browsers warn about it; it is for development only.
 */
final class SelfSignedCertificate {
    static final String ALIAS = "junction";
    private static final Duration VALIDITY = Duration.ofDays(30);
    private final KeyStore keyStore;
    private final String password;
    private final X509Certificate certificate;

    private SelfSignedCertificate(KeyStore keyStore, String password, X509Certificate certificate) {
        this.keyStore = keyStore;
        this.password = password;
        this.certificate = certificate;
    }

    /** Generates a new identity for {@code localhost}, 127.0.0.1, ::1 and {@code extraNames} (hosts or IPs). */
    static SelfSignedCertificate generate(List<String> extraNames) {
        try {
            SecureRandom random = new SecureRandom();
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair pair = g.generateKeyPair();
            Instant now = Instant.now();
            X500Name name = new X500Name("CN=Junction self-signed");
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(63, random).add(BigInteger.ONE), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(VALIDITY)), name, pair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, altNames(extraNames));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            byte[] pw = new byte[18];
            random.nextBytes(pw);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(pw);
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(ALIAS, pair.getPrivate(), password.toCharArray(), new X509Certificate[] {cert});
            return new SelfSignedCertificate(ks, password, cert);
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("cannot generate a self-signed certificate", e);
        }
    }

    private static GeneralNames altNames(List<String> extraNames) {
        Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
        names.addAll(extraNames);
        List<GeneralName> out = new ArrayList<>();
        for (String n : names) {
            boolean ip = n.contains(":") || n.chars().allMatch(c -> c == '.' || Character.isDigit(c));
            out.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, n));
        }
        return new GeneralNames(out.toArray(new GeneralName[0]));
    }

    KeyStore keyStore() {
        return keyStore;
    }

    String password() {
        return password;
    }

    X509Certificate certificate() {
        return certificate;
    }

    /** The SHA-256 fingerprint of the certificate, colon-separated hex (safe to log). */
    String fingerprint() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
