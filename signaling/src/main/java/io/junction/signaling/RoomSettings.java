package io.junction.signaling;

import java.util.Objects;

/**
 * A room's mode and the most participants it admits; fixed when the room is created and kept
 * while it has participants.
 *
 * @param mode     how the room carries media
 * @param capacity the most participants at once, at least 1; the next {@code join} gets {@code full}
 */
public record RoomSettings(RoomMode mode, int capacity) {
    /** Default capacity of {@code sfu} rooms. */
    public static final int SFU_CAPACITY = 16;
    /** Default capacity of {@code p2p} rooms (the classic two-person room). */
    public static final int P2P_CAPACITY = 2;

    public RoomSettings {
        Objects.requireNonNull(mode, "mode");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1 (got " + capacity + ")");
        }
    }

    /** The default settings of a mode: capacity 16 for {@code sfu}, 2 for {@code p2p}. */
    public static RoomSettings defaultsFor(RoomMode mode) {
        return new RoomSettings(mode, mode == RoomMode.SFU ? SFU_CAPACITY : P2P_CAPACITY);
    }
}
