package io.junction.sctp.chunk;

/**
 * Parameter types carried in INIT / INIT ACK and HEARTBEAT (RFC 9260 §3.3.2.1, §3.3.3.1),
 * the Supported Extensions parameter (RFC 5061 §4.2.7) and Forward-TSN-Supported (RFC 3758 §3.1).
 */
public final class Param {
    public static final int HEARTBEAT_INFO = 1;
    public static final int IPV4_ADDRESS = 5;
    public static final int IPV6_ADDRESS = 6;
    public static final int STATE_COOKIE = 7;
    public static final int UNRECOGNIZED = 8;
    public static final int COOKIE_PRESERVATIVE = 9;
    public static final int HOST_NAME = 11;
    public static final int SUPPORTED_ADDRESS_TYPES = 12;
    public static final int SUPPORTED_EXTENSIONS = 0x8008;
    public static final int FORWARD_TSN_SUPPORTED = 0xC000;

    private Param() {
    }

    /** Writes a parameter header plus {@code value}; returns the unpadded length. */
    public static int write(byte[] b, int at, int type, byte[] value, int voff, int vlen) {
        Bytes.put16(b, at, type);
        Bytes.put16(b, at + 2, TlvCursor.HEADER + vlen);
        System.arraycopy(value, voff, b, at + TlvCursor.HEADER, vlen);
        return TlvCursor.HEADER + vlen;
    }

    /** Writes zero bytes up to the next multiple of 4 after {@code at + len}; returns the padded length. */
    public static int pad(byte[] b, int at, int len) {
        int p = Bytes.pad4(len);
        for (int i = len; i < p; i++) {
            b[at + i] = 0;
        }
        return p;
    }

    /** Does a Supported Extensions value list {@code chunkType} (RFC 5061 §4.2.7)? */
    public static boolean listsExtension(byte[] b, int valueOff, int valueLen, int chunkType) {
        for (int i = 0; i < valueLen; i++) {
            if (Bytes.u8(b, valueOff + i) == chunkType) {
                return true;
            }
        }
        return false;
    }
}
