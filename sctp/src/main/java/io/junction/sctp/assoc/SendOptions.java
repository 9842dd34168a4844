package io.junction.sctp.assoc;

/**
 * How one message is sent: ordered or not, and partial reliability (RFC 3758 §3.1, RFC 8831
 * §6.1): at most {@code maxRetransmits} retransmissions, or at most {@code lifetimeMs}
 * milliseconds before it is abandoned; -1 means no limit. At most one of the two is set.
 */
public record SendOptions(boolean ordered, int maxRetransmits, long lifetimeMs) {
    public static final SendOptions RELIABLE_ORDERED = new SendOptions(true, -1, -1);
    public static final SendOptions RELIABLE_UNORDERED = new SendOptions(false, -1, -1);

    public SendOptions {
        if (maxRetransmits < -1) {
            throw new IllegalArgumentException("maxRetransmits must be -1 (unlimited) or 0.." + Integer.MAX_VALUE
                    + ", was " + maxRetransmits);
        }
        if (lifetimeMs < -1) {
            throw new IllegalArgumentException("lifetimeMs must be -1 (unlimited) or >= 0, was " + lifetimeMs);
        }
        if (maxRetransmits >= 0 && lifetimeMs >= 0) {
            throw new IllegalArgumentException("set maxRetransmits or lifetimeMs, not both");
        }
    }

    public boolean reliable() {
        return maxRetransmits < 0 && lifetimeMs < 0;
    }
}
