package io.junction.server;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;

/**
 * Builds the TLS identity of the own HTTPS server from two PEM files (textual encoding, RFC 7468):
 * a certificate chain of one or more {@code CERTIFICATE} blocks (RFC 7468 section 5), the
 * server's own certificate first, as TLS sends it (RFC 8446 section 4.4.2), and its private key
 * (see {@link PemPrivateKeys} for the accepted forms). The result is an in-memory PKCS12 key store
 * whose random password never leaves this process.
 *
 * <p>Every problem (unreadable file, no certificate, no or unsupported private key, wrong
 * password, a key that does not belong to the first certificate) throws
 * {@link IllegalArgumentException} whose message starts with the name of the option at fault, as
 * given by the caller ({@code tlsCertificate} for the builder, {@code --tls-cert} for the command
 * line). Messages hold file paths and PEM labels, never key material or passwords.
 */
public final class PemKeyStores {
    /** Alias of the key entry in the built key store. */
    static final String ALIAS = "junction";
    /** Largest PEM file read; real chains and keys are a few KiB. */
    static final int MAX_FILE_BYTES = 1024 * 1024;
    private static final byte[] CHALLENGE = "junction: does this key belong to this certificate?"
            .getBytes(StandardCharsets.US_ASCII);

    private PemKeyStores() {
    }

    /**
     * Checks that {@code chainFile} and {@code keyFile} form a usable TLS identity, without
     * keeping anything. {@code keyPassword} decrypts an encrypted key (null = the key must not be
     * encrypted); {@code chainOption} and {@code keyOption} name the options in error messages.
     */
    public static void check(Path chainFile, String chainOption, Path keyFile, String keyOption,
                             String keyPassword) {
        load(chainFile, chainOption, keyFile, keyOption, keyPassword);
    }

    /** As {@link #check}, returning the identity. */
    static Identity load(Path chainFile, String chainOption, Path keyFile, String keyOption, String keyPassword) {
        List<X509Certificate> chain = certificates(chainFile, chainOption);
        PrivateKey key = PemPrivateKeys.read(parse(keyFile, keyOption), keyFile, keyOption, keyPassword);
        if (!matches(key, chain.get(0).getPublicKey())) {
            boolean later = chain.stream().skip(1).anyMatch(c -> matches(key, c.getPublicKey()));
            throw new IllegalArgumentException(keyOption + " does not match the public key of the first certificate in "
                    + chainOption + " (" + keyFile + ", " + chainFile + ")"
                    + (later ? "; the server's own certificate must come first in " + chainOption : ""));
        }
        try {
            byte[] pw = new byte[18];
            new SecureRandom().nextBytes(pw);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(pw);
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(ALIAS, key, password.toCharArray(), chain.toArray(new X509Certificate[0]));
            return new Identity(ks, password, chain.get(0), keyFile);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build an in-memory key store", e);
        }
    }

    private static List<X509Certificate> certificates(Path file, String option) {
        List<X509Certificate> chain = new ArrayList<>();
        List<String> other = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        for (Object o : parse(file, option)) {
            if (o instanceof X509CertificateHolder holder) {
                try {
                    chain.add(converter.getCertificate(holder));
                } catch (GeneralSecurityException e) {
                    throw new IllegalArgumentException(option + " holds a certificate the JDK cannot read (" + file
                            + "): " + e.getMessage(), e);
                }
            } else {
                other.add(PemPrivateKeys.describe(o));
            }
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException(option + " must hold at least one PEM CERTIFICATE block (" + file
                    + (other.isEmpty() ? " holds no PEM block" : " holds only " + other) + ")");
        }
        return chain;
    }

    /** The PEM objects of {@code file}, in order; a file without PEM blocks gives an empty list. */
    static List<Object> parse(Path file, String option) {
        String text;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IllegalArgumentException(option + " must be a PEM file of at most " + MAX_FILE_BYTES
                        + " bytes (" + file + ")");
            }
            text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " must be a readable PEM file (cannot read " + file + ")", e);
        }
        List<Object> objects = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                objects.add(o);
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(option + " is not valid PEM (" + file + "): " + e.getMessage(), e);
        }
        return objects;
    }

    /** Whether {@code key} signs what {@code publicKey} verifies (same algorithm, same key pair). */
    static boolean matches(PrivateKey key, PublicKey publicKey) {
        String alg = family(key.getAlgorithm());
        if (!alg.equals(family(publicKey.getAlgorithm()))) {
            return false;
        }
        try {
            String signature = alg.equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            Signature signer = Signature.getInstance(signature);
            signer.initSign(key);
            signer.update(CHALLENGE);
            byte[] proof = signer.sign();
            Signature verifier = Signature.getInstance(signature);
            verifier.initVerify(publicKey);
            verifier.update(CHALLENGE);
            return verifier.verify(proof);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** {@code RSA} or {@code EC} (providers also call EC keys {@code ECDSA}); other names unchanged. */
    static String family(String algorithm) {
        return algorithm.equals("ECDSA") ? "EC" : algorithm;
    }

    /** A loaded identity: the key store, its password (never logged), the leaf certificate and key file. */
    static final class Identity {
        private final KeyStore keyStore;
        private final String password;
        private final X509Certificate leaf;
        private final Path keyFile;

        Identity(KeyStore keyStore, String password, X509Certificate leaf, Path keyFile) {
            this.keyStore = keyStore;
            this.password = password;
            this.leaf = leaf;
            this.keyFile = keyFile;
        }

        KeyStore keyStore() {
            return keyStore;
        }

        String password() {
            return password;
        }

        X509Certificate leaf() {
            return leaf;
        }

        Path keyFile() {
            return keyFile;
        }
    }
}
