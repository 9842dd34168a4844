package io.junction.server;

import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Picks the one RSA or EC private key out of the PEM objects of a key file. Accepted blocks:
 * {@code PRIVATE KEY} (PKCS#8, RFC 7468 section 10), {@code ENCRYPTED PRIVATE KEY} (RFC 7468
 * section 11, needs the password), {@code RSA PRIVATE KEY} (PKCS#1, RFC 8017 appendix A.1.2) and
 * {@code EC PRIVATE KEY} (SEC1, RFC 5915), the last two also in OpenSSL's encrypted form
 * ({@code Proc-Type: 4,ENCRYPTED}). An {@code EC PARAMETERS} block, as written before the key by
 * {@code openssl ecparam -genkey}, is skipped. Errors throw {@link IllegalArgumentException}
 * starting with the option name; they never contain key material or the password.
 */
final class PemPrivateKeys {

    private PemPrivateKeys() {
    }

    /** The private key among {@code objects} (read from {@code file}), decrypted with {@code password} if needed. */
    static PrivateKey read(List<Object> objects, Path file, String option, String password) {
        List<Object> keys = new ArrayList<>();
        List<String> other = new ArrayList<>();
        for (Object o : objects) {
            if (o instanceof PEMKeyPair || o instanceof PrivateKeyInfo || o instanceof PEMEncryptedKeyPair
                    || o instanceof PKCS8EncryptedPrivateKeyInfo) {
                keys.add(o);
            } else if (!(o instanceof ASN1ObjectIdentifier)) {
                other.add(describe(o));
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(option + " must hold a PEM PRIVATE KEY, RSA PRIVATE KEY or"
                    + " EC PRIVATE KEY block (" + file + (other.isEmpty() ? " holds no PEM block" : " holds only " + other)
                    + ")");
        }
        if (keys.size() > 1) {
            throw new IllegalArgumentException(option + " must hold exactly one private key (" + file + " holds "
                    + keys.size() + ")");
        }
        return convert(keys.get(0), file, option, password);
    }

    private static PrivateKey convert(Object o, Path file, String option, String password) {
        boolean encrypted = o instanceof PEMEncryptedKeyPair || o instanceof PKCS8EncryptedPrivateKeyInfo;
        if (encrypted && password == null) {
            throw new IllegalArgumentException(option + " is encrypted and no password was given (" + file
                    + "); decrypt it with: openssl pkey -in " + file + " -out key.pem");
        }
        PrivateKeyInfo info;
        try {
            if (o instanceof PEMKeyPair pair) {
                info = pair.getPrivateKeyInfo();
            } else if (o instanceof PrivateKeyInfo plain) {
                info = plain;
            } else if (o instanceof PKCS8EncryptedPrivateKeyInfo pkcs8) {
                info = pkcs8.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder()
                        .setProvider(new BouncyCastleProvider()).build(password.toCharArray()));
            } else {
                info = ((PEMEncryptedKeyPair) o).decryptKeyPair(new JcePEMDecryptorProviderBuilder()
                        .setProvider(new BouncyCastleProvider()).build(password.toCharArray())).getPrivateKeyInfo();
            }
        } catch (Exception e) {
            // The cause may describe the decrypted bytes; only the fact is reported.
            throw new IllegalArgumentException(option + " cannot be decrypted with the given password (" + file
                    + ")");
        }
        ASN1ObjectIdentifier alg = info.getPrivateKeyAlgorithm().getAlgorithm();
        String jdkName = alg.equals(PKCSObjectIdentifiers.rsaEncryption) ? "RSA"
                : alg.equals(X9ObjectIdentifiers.id_ecPublicKey) ? "EC" : null;
        if (jdkName == null) {
            throw new IllegalArgumentException(option + " must be an RSA or EC private key (" + file
                    + " holds a key of algorithm " + alg.getId() + ")");
        }
        try {
            return KeyFactory.getInstance(jdkName).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
        } catch (Exception e) {
            // The cause may quote the key's bytes; only its kind is reported.
            throw new IllegalArgumentException(option + " holds a malformed " + jdkName + " private key (" + file
                    + ")");
        }
    }

    /** What a PEM object is, for error messages (never its content). */
    static String describe(Object o) {
        if (o instanceof X509CertificateHolder) {
            return "CERTIFICATE";
        } else if (o instanceof PEMKeyPair || o instanceof PrivateKeyInfo || o instanceof PEMEncryptedKeyPair
                || o instanceof PKCS8EncryptedPrivateKeyInfo) {
            return "private key";
        } else if (o instanceof SubjectPublicKeyInfo) {
            return "PUBLIC KEY";
        } else if (o instanceof ASN1ObjectIdentifier) {
            return "EC PARAMETERS";
        }
        return o.getClass().getSimpleName();
    }
}
