package io.junction.dtls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * A certificate fingerprint as carried in SDP {@code a=fingerprint} (RFC 8122 §5): a hash
 * function name and the upper-case hex digest with colons, e.g. {@code sha-256 AB:CD:...}.
 *
 * <p>Supported hash functions: sha-1, sha-224, sha-256, sha-384, sha-512.
 */
public record Fingerprint(String algorithm, String value) {

    /** Validates and normalises: algorithm lower-case, value upper-case, digest length matching the algorithm. */
    public Fingerprint {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(value, "value");
        algorithm = algorithm.toLowerCase(Locale.ROOT);
        int digestLength = digestLength(algorithm);
        value = value.toUpperCase(Locale.ROOT);
        decodeHex(value, digestLength);
    }

    /**
     * Parses an SDP fingerprint attribute value, {@code "<hash-func> <XX:XX:...>"}.
     *
     * @throws IllegalArgumentException naming what is wrong (missing part, unknown hash, bad hex, wrong length)
     */
    public static Fingerprint parse(String sdpAttributeValue) {
        if (sdpAttributeValue == null) {
            throw new IllegalArgumentException("fingerprint attribute value is null");
        }
        String trimmed = sdpAttributeValue.strip();
        int space = indexOfWhitespace(trimmed);
        if (space < 0) {
            throw new IllegalArgumentException(
                "fingerprint must be '<hash-func> <hex:hex:...>', got '" + sdpAttributeValue + "'");
        }
        String algorithm = trimmed.substring(0, space);
        String value = trimmed.substring(space).strip();
        if (indexOfWhitespace(value) >= 0) {
            throw new IllegalArgumentException("fingerprint has extra fields: '" + sdpAttributeValue + "'");
        }
        return new Fingerprint(algorithm, value);
    }

    /** The fingerprint of a DER-encoded certificate under the given hash function. */
    public static Fingerprint of(String algorithm, byte[] derCertificate) {
        String alg = algorithm.toLowerCase(Locale.ROOT);
        digestLength(alg);
        return new Fingerprint(alg, format(digest(alg, derCertificate)));
    }

    /** The SDP attribute value, {@code "sha-256 AB:CD:..."}. */
    public String toSdpValue() {
        return algorithm + " " + value;
    }

    /** Whether the hash of this fingerprint's algorithm over the DER bytes equals the value. */
    public boolean matches(byte[] derCertificate) {
        if (derCertificate == null) {
            return false;
        }
        byte[] expected = decodeHex(value, digestLength(algorithm));
        return MessageDigest.isEqual(expected, digest(algorithm, derCertificate));
    }

    @Override
    public String toString() {
        return toSdpValue();
    }

    static String format(byte[] digest) {
        StringBuilder sb = new StringBuilder(digest.length * 3);
        HexFormat hex = HexFormat.of().withUpperCase();
        for (int i = 0; i < digest.length; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(hex.toHexDigits(digest[i]));
        }
        return sb.toString();
    }

    private static int digestLength(String algorithm) {
        return switch (algorithm) {
            case "sha-1" -> 20;
            case "sha-224" -> 28;
            case "sha-256" -> 32;
            case "sha-384" -> 48;
            case "sha-512" -> 64;
            default -> throw new IllegalArgumentException("unsupported fingerprint hash function '" + algorithm
                + "', allowed: sha-1, sha-224, sha-256, sha-384, sha-512");
        };
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm.toUpperCase(Locale.ROOT)).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks " + algorithm, e);
        }
    }

    private static byte[] decodeHex(String value, int expectedBytes) {
        // RFC 8122 §5: fingerprint = 2UHEX *(":" 2UHEX); lower case accepted for interoperability.
        if (value.length() != expectedBytes * 3 - 1) {
            throw new IllegalArgumentException("fingerprint value must be " + expectedBytes
                + " colon-separated hex bytes (" + (expectedBytes * 3 - 1) + " characters), got "
                + value.length() + " characters");
        }
        byte[] out = new byte[expectedBytes];
        for (int i = 0; i < expectedBytes; i++) {
            int pos = i * 3;
            if (i > 0 && value.charAt(pos - 1) != ':') {
                throw new IllegalArgumentException("fingerprint value expects ':' at position " + (pos - 1));
            }
            int hi = Character.digit(value.charAt(pos), 16);
            int lo = Character.digit(value.charAt(pos + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("fingerprint value has a non-hex character near position " + pos);
            }
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
