package io.junction.ice;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * ICE username fragment and password (RFC 8445 §5.3, RFC 8839 §5.4): the ufrag has at least 4 and the
 * password at least 22 characters, both from the ice-char set (ALPHA / DIGIT / "+" / "/"), at most 256.
 */
public record IceCredentials(String ufrag, String password) {
    private static final String ICE_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Validates both fields against RFC 8839 §5.4; throws IllegalArgumentException naming the field. */
    public IceCredentials {
        check("ufrag", ufrag, 4);
        check("password", password, 22);
    }

    /** Fresh random credentials: an 8-character ufrag and a 24-character password (RFC 8445 §5.3). */
    public static IceCredentials random() {
        return new IceCredentials(randomChars(8), randomChars(24));
    }

    private static String randomChars(int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = ICE_CHARS.charAt(RANDOM.nextInt(ICE_CHARS.length()));
        }
        return new String(c);
    }

    private static void check(String name, String value, int min) {
        Objects.requireNonNull(value, name);
        if (value.length() < min || value.length() > 256) {
            throw new IllegalArgumentException(
                    name + " must have " + min + "..256 ice-chars (RFC 8839 §5.4), got " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            if (ICE_CHARS.indexOf(value.charAt(i)) < 0) {
                throw new IllegalArgumentException(
                        name + " has a character outside the ice-char set (ALPHA / DIGIT / + / /) at index " + i);
            }
        }
    }

    @Override
    public String toString() {
        return "IceCredentials[ufrag=" + ufrag + ", password=<hidden>]";
    }
}
