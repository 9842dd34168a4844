package io.junction.ice;

/**
 * Value sizes (and the few content rules) of the STUN attributes that ice4j decodes into typed
 * objects, so a message that passes {@link StunFraming} cannot make ice4j's attribute decoders read
 * past a value or reject a field. Unknown attribute types (RFC 5389 §15: comprehension-optional ones
 * such as browsers' GOOG-NETWORK-INFO) are accepted with any length. Pure; allocates nothing.
 */
final class StunAttributeRules {
    private StunAttributeRules() {
    }

    /** Whether the value of attribute {@code type} at {@code buf[off..off+len)} is acceptable. */
    static boolean valid(int type, byte[] buf, int off, int len) {
        switch (type) {
            // RFC 5389 §15.1/§15.2, RFC 3489 §11.2, RFC 5766 §14.3/§14.5, RFC 5389 §15.11
            case 0x0001, 0x0002, 0x0004, 0x0005, 0x000B, 0x0012, 0x0016, 0x0020, 0x8023:
                return address(buf, off, len);
            case 0x0006: // USERNAME, RFC 5389 §15.3: fewer than 513 bytes
                return len <= 512;
            case 0x0008: // MESSAGE-INTEGRITY, RFC 5389 §15.4: HMAC-SHA1
                return len == 20;
            case 0x0009: // ERROR-CODE, RFC 5389 §15.6
                return errorCode(buf, off, len);
            case 0x000A: // UNKNOWN-ATTRIBUTES, RFC 5389 §15.9: 16-bit types
                return (len & 1) == 0;
            case 0x0014, 0x0015, 0x8022: // REALM, NONCE, SOFTWARE, RFC 5389 §15.7/§15.8/§15.10
                return len <= 763;
            case 0x8028: // FINGERPRINT, RFC 5389 §15.5: CRC-32
                return len == 4;
            case 0x0024: // PRIORITY, RFC 8445 §16.1
                return len == 4;
            case 0x0025: // USE-CANDIDATE, RFC 8445 §16.1: no value
                return len == 0;
            case 0x8029, 0x802A: // ICE-CONTROLLED, ICE-CONTROLLING, RFC 8445 §16.1: 64-bit tie-breaker
                return len == 8;
            // CHANGE-REQUEST (RFC 5780 §7.2), CHANNEL-NUMBER, LIFETIME, REQUESTED-TRANSPORT (RFC 5766 §14),
            // REQUESTED-ADDRESS-FAMILY (RFC 6156 §4.1.1), CONNECTION-ID (RFC 6062 §6.2.1)
            case 0x0003, 0x000C, 0x000D, 0x0019, 0x0017, 0x002A:
                return len == 4;
            case 0x0018: // EVEN-PORT, RFC 5766 §14.6
                return len == 1;
            case 0x001A, 0x0021: // DONT-FRAGMENT (RFC 5766 §14.8), XOR-ONLY (draft): no value
                return len == 0;
            case 0x0022: // RESERVATION-TOKEN, RFC 5766 §14.9
                return len == 8;
            default:
                return true;
        }
    }

    /** RFC 5389 §15.1: family 0x01 with a 4-byte address (8 bytes) or 0x02 with 16 (20 bytes). */
    private static boolean address(byte[] buf, int off, int len) {
        if (len == 8) {
            return buf[off + 1] == 0x01;
        }
        return len == 20 && buf[off + 1] == 0x02;
    }

    /** RFC 5389 §15.6: class 3..6 (the whole byte, as ice4j reads it), number 0..99, reason under 764 bytes. */
    private static boolean errorCode(byte[] buf, int off, int len) {
        if (len < 4 || len > 4 + 763) {
            return false;
        }
        int errorClass = buf[off + 2] & 0xFF;
        int number = buf[off + 3] & 0xFF;
        return errorClass >= 3 && errorClass <= 6 && number <= 99;
    }
}
