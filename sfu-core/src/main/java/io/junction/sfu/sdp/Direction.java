package io.junction.sfu.sdp;

/** The media direction attribute (RFC 8866 section 6.7); absent means {@link #SENDRECV}. */
public enum Direction {
    SENDRECV("sendrecv"), SENDONLY("sendonly"), RECVONLY("recvonly"), INACTIVE("inactive");

    private final String sdpName;

    Direction(String sdpName) {
        this.sdpName = sdpName;
    }

    /** The attribute name as written in SDP. */
    public String sdpName() {
        return sdpName;
    }

    /** The direction for an attribute name, or null when it is not a direction attribute. */
    public static Direction fromSdp(String name) {
        for (Direction d : values()) {
            if (d.sdpName.equals(name)) {
                return d;
            }
        }
        return null;
    }

    /** True when the side that wrote this direction sends media. */
    public boolean sends() {
        return this == SENDRECV || this == SENDONLY;
    }

    /** True when the side that wrote this direction receives media. */
    public boolean receives() {
        return this == SENDRECV || this == RECVONLY;
    }

    /** The same direction seen from the other side (sendonly becomes recvonly and back). */
    public Direction reversed() {
        return of(receives(), sends());
    }

    /** The direction with the given send and receive flags. */
    public static Direction of(boolean send, boolean receive) {
        if (send) {
            return receive ? SENDRECV : SENDONLY;
        }
        return receive ? RECVONLY : INACTIVE;
    }
}
