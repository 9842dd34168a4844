package io.junction.dtls;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed ECDSA P-256 certificate and its private key for DTLS (RFC 5763 §5), immutable and
 * safe to share among all transports of one server. Rotate by generating a new one.
 */
public final class DtlsCertificate {
    private static final Duration BACKDATE = Duration.ofDays(30);
    private static final Duration VALIDITY = Duration.ofDays(365);

    private final byte[] der;
    private final AsymmetricKeyParameter privateKey;
    private final Fingerprint fingerprint;

    private DtlsCertificate(byte[] der, AsymmetricKeyParameter privateKey) {
        this.der = der;
        this.privateKey = privateKey;
        this.fingerprint = Fingerprint.of("sha-256", der);
    }

    /** Generates a key pair and a certificate CN=Junction valid from 30 days ago to a year ahead. */
    public static DtlsCertificate generate() {
        try {
            SecureRandom random = new SecureRandom();
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
            kpg.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair pair = kpg.generateKeyPair();
            Instant now = Instant.now();
            X500Name name = new X500Name("CN=Junction");
            BigInteger serial = new BigInteger(63, random).add(BigInteger.ONE);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial,
                Date.from(now.minus(BACKDATE)), Date.from(now.plus(VALIDITY)), name, pair.getPublic());
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate());
            byte[] der = builder.build(signer).getEncoded();
            AsymmetricKeyParameter key = PrivateKeyFactory.createKey(
                PrivateKeyInfo.getInstance(pair.getPrivate().getEncoded()));
            return new DtlsCertificate(der, key);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot generate DTLS certificate", e);
        }
    }

    /** SHA-256 fingerprint of the DER encoding, for SDP {@code a=fingerprint}. */
    public Fingerprint fingerprint() {
        return fingerprint;
    }

    /** A copy of the DER-encoded certificate. */
    public byte[] derEncoded() {
        return der.clone();
    }

    byte[] der() {
        return der;
    }

    AsymmetricKeyParameter privateKey() {
        return privateKey;
    }
}
