package io.junction.sctp.dcep;

/** DATA_CHANNEL_OPEN channel types (RFC 8832 §5.1): bit 0x80 is "unordered". */
public final class ChannelType {
    public static final int RELIABLE = 0x00;
    public static final int RELIABLE_UNORDERED = 0x80;
    public static final int PARTIAL_RELIABLE_REXMIT = 0x01;
    public static final int PARTIAL_RELIABLE_REXMIT_UNORDERED = 0x81;
    public static final int PARTIAL_RELIABLE_TIMED = 0x02;
    public static final int PARTIAL_RELIABLE_TIMED_UNORDERED = 0x82;

    private ChannelType() {
    }

    public static boolean isKnown(int t) {
        return (t & 0x7F) <= 2 && (t & ~0x83) == 0;
    }

    public static boolean ordered(int t) {
        return (t & 0x80) == 0;
    }

    /** The channel type for these options (RFC 8832 §5.1 table). */
    public static int of(ChannelOptions o) {
        int base = o.maxRetransmits() >= 0 ? PARTIAL_RELIABLE_REXMIT
                : o.maxPacketLifeTimeMs() >= 0 ? PARTIAL_RELIABLE_TIMED : RELIABLE;
        return base | (o.ordered() ? 0 : 0x80);
    }
}
