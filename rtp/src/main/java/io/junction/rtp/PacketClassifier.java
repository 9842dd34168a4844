package io.junction.rtp;

/**
 * Demultiplexes packets arriving on one UDP port by their first byte (RFC 7983 §7), and
 * RTP from RTCP by the payload-type field (RFC 5761 §4).
 */
public final class PacketClassifier {
    /** What a datagram carries. */
    public enum Kind {
        /** first byte 0..3 (RFC 5389). */
        STUN,
        /** first byte 16..19 (RFC 6189). */
        ZRTP,
        /** first byte 20..63 (RFC 6347). */
        DTLS,
        /** first byte 64..79 (RFC 5766 ChannelData). */
        TURN_CHANNEL,
        /** first byte 128..191 (RFC 3550). */
        RTP_RTCP,
        /** empty or any other first byte: drop. */
        UNKNOWN
    }

    private PacketClassifier() {
    }

    /** Classifies by the first byte per RFC 7983 §7; empty input is {@link Kind#UNKNOWN}. */
    public static Kind classify(byte[] b, int off, int len) {
        if (len < 1) {
            return Kind.UNKNOWN;
        }
        int first = b[off] & 0xFF;
        if (first <= 3) {
            return Kind.STUN;
        }
        if (first >= 16 && first <= 19) {
            return Kind.ZRTP;
        }
        if (first >= 20 && first <= 63) {
            return Kind.DTLS;
        }
        if (first >= 64 && first <= 79) {
            return Kind.TURN_CHANNEL;
        }
        if (first >= 128 && first <= 191) {
            return Kind.RTP_RTCP;
        }
        return Kind.UNKNOWN;
    }

    /**
     * True if an RTP/RTCP datagram is RTCP: its second byte, with the marker bit masked
     * off, is in 64..95, i.e. RTCP packet types 192..223 (RFC 5761 §4). Requires at least
     * two bytes and version 2; anything else is false.
     */
    public static boolean isRtcp(byte[] b, int off, int len) {
        if (len < 2 || (b[off] & 0xC0) != 0x80) {
            return false;
        }
        int pt = b[off + 1] & 0x7F;
        return pt >= 64 && pt <= 95;
    }
}
