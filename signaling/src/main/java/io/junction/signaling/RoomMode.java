package io.junction.signaling;

/** How a room carries media (PROTOCOL.md "Room modes"). */
public enum RoomMode {
    /** Every participant has one peer connection to the server, which forwards media. */
    SFU("sfu"),
    /** The server only relays {@code message}s between peers; media never touches it. */
    P2P("p2p");

    private final String wireName;

    RoomMode(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in {@code joined.mode} and on command lines. */
    public String wireName() {
        return wireName;
    }

    /**
     * Parses {@code sfu} or {@code p2p}.
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static RoomMode fromWireName(String name) {
        for (RoomMode m : values()) {
            if (m.wireName.equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("mode must be one of sfu, p2p (got '" + name + "')");
    }
}
