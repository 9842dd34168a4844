package io.junction.srtp;

import java.util.Objects;

/**
 * SRTP master keys and salts for one DTLS-SRTP association, already split by role
 * (RFC 5764 §4.2): "local" protects what this side sends, "remote" unprotects what it receives.
 *
 * <p>The arrays are not copied; treat them as read-only. {@link #toString()} never prints key bytes.
 */
public record SrtpKeyingMaterial(SrtpProfile profile, byte[] localMasterKey, byte[] localMasterSalt,
                                 byte[] remoteMasterKey, byte[] remoteMasterSalt) {

    /** Validates the lengths against the profile. */
    public SrtpKeyingMaterial {
        Objects.requireNonNull(profile, "profile");
        checkLength("localMasterKey", localMasterKey, profile.masterKeyLength());
        checkLength("localMasterSalt", localMasterSalt, profile.masterSaltLength());
        checkLength("remoteMasterKey", remoteMasterKey, profile.masterKeyLength());
        checkLength("remoteMasterSalt", remoteMasterSalt, profile.masterSaltLength());
    }

    /**
     * Splits exported DTLS keying material laid out as
     * client_write_key | server_write_key | client_write_salt | server_write_salt (RFC 5764 §4.2).
     *
     * @param isClient whether the local side was the DTLS client
     */
    public static SrtpKeyingMaterial fromExporter(SrtpProfile profile, byte[] material, boolean isClient) {
        int k = profile.masterKeyLength();
        int s = profile.masterSaltLength();
        if (material == null || material.length != profile.keyingMaterialLength()) {
            throw new IllegalArgumentException("keying material must be " + profile.keyingMaterialLength()
                + " bytes for " + profile + ", got " + (material == null ? "null" : material.length));
        }
        byte[] clientKey = slice(material, 0, k);
        byte[] serverKey = slice(material, k, k);
        byte[] clientSalt = slice(material, 2 * k, s);
        byte[] serverSalt = slice(material, 2 * k + s, s);
        return isClient
            ? new SrtpKeyingMaterial(profile, clientKey, clientSalt, serverKey, serverSalt)
            : new SrtpKeyingMaterial(profile, serverKey, serverSalt, clientKey, clientSalt);
    }

    /** The same keys seen from the other side of the association (local and remote swapped). */
    public SrtpKeyingMaterial reversed() {
        return new SrtpKeyingMaterial(profile, remoteMasterKey, remoteMasterSalt, localMasterKey, localMasterSalt);
    }

    @Override
    public String toString() {
        return "SrtpKeyingMaterial[" + profile + "]";
    }

    private static byte[] slice(byte[] src, int off, int len) {
        byte[] out = new byte[len];
        System.arraycopy(src, off, out, 0, len);
        return out;
    }

    private static void checkLength(String name, byte[] value, int expected) {
        if (value == null || value.length != expected) {
            throw new IllegalArgumentException(name + " must be " + expected + " bytes, got "
                + (value == null ? "null" : value.length));
        }
    }
}
