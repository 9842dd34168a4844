package io.junction.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Reads an RSA public key from a PEM file holding a {@code PUBLIC KEY} block (X.509
 * SubjectPublicKeyInfo, RFC 7468 section 13), as written by {@code openssl rsa -pubout}.
 */
public final class PemPublicKeys {
    private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String END = "-----END PUBLIC KEY-----";

    private PemPublicKeys() {
    }

    /** The RSA public key in {@code pem}; throws {@link IllegalArgumentException} naming the problem. */
    public static RSAPublicKey rsa(String pem) {
        int begin = pem.indexOf(BEGIN);
        int end = pem.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("authPublicKey must be a PEM '" + BEGIN + "' block");
        }
        String body = pem.substring(begin + BEGIN.length(), end).replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(body);
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("authPublicKey is not a valid RSA public key: " + e.getMessage(), e);
        }
    }

    /** The RSA public key in the PEM file {@code file}. */
    public static RSAPublicKey rsa(Path file) {
        try {
            return rsa(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new IllegalArgumentException("authPublicKey file cannot be read: " + file, e);
        }
    }
}
