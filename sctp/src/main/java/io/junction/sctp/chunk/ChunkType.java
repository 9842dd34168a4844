package io.junction.sctp.chunk;

/** Chunk type codes (RFC 9260 §3.2, RFC 3758 §3.2, RFC 6525 §3.1). */
public final class ChunkType {
    public static final int DATA = 0;
    public static final int INIT = 1;
    public static final int INIT_ACK = 2;
    public static final int SACK = 3;
    public static final int HEARTBEAT = 4;
    public static final int HEARTBEAT_ACK = 5;
    public static final int ABORT = 6;
    public static final int SHUTDOWN = 7;
    public static final int SHUTDOWN_ACK = 8;
    public static final int ERROR = 9;
    public static final int COOKIE_ECHO = 10;
    public static final int COOKIE_ACK = 11;
    public static final int SHUTDOWN_COMPLETE = 14;
    public static final int RE_CONFIG = 130;
    public static final int FORWARD_TSN = 192;

    /** T bit of ABORT and SHUTDOWN COMPLETE (RFC 9260 §3.3.7): the tag is the sender's own. */
    public static final int FLAG_T = 0x01;

    private ChunkType() {
    }

    /**
     * What to do with a chunk type we do not know, from its two high bits (RFC 9260 §3.2):
     * 00 stop and discard the packet, 01 stop and report, 10 skip, 11 skip and report.
     */
    public static boolean skipUnknown(int type) {
        return (type & 0x80) != 0;
    }

    public static boolean reportUnknown(int type) {
        return (type & 0x40) != 0;
    }

    public static String name(int type) {
        return switch (type) {
            case DATA -> "DATA";
            case INIT -> "INIT";
            case INIT_ACK -> "INIT_ACK";
            case SACK -> "SACK";
            case HEARTBEAT -> "HEARTBEAT";
            case HEARTBEAT_ACK -> "HEARTBEAT_ACK";
            case ABORT -> "ABORT";
            case SHUTDOWN -> "SHUTDOWN";
            case SHUTDOWN_ACK -> "SHUTDOWN_ACK";
            case ERROR -> "ERROR";
            case COOKIE_ECHO -> "COOKIE_ECHO";
            case COOKIE_ACK -> "COOKIE_ACK";
            case SHUTDOWN_COMPLETE -> "SHUTDOWN_COMPLETE";
            case RE_CONFIG -> "RE_CONFIG";
            case FORWARD_TSN -> "FORWARD_TSN";
            default -> "UNKNOWN(" + type + ")";
        };
    }
}
