package io.junction.signaling;

import java.util.Objects;

/**
 * Chooses the settings of a room when its first participant joins. Must be thread-safe and fast;
 * it is called while the room registry's lock is held.
 */
@FunctionalInterface
public interface RoomPolicy {

    /** The settings of the room named {@code room} (a valid room name). Never null. */
    RoomSettings settingsFor(String room);

    /** Every room gets the default settings of {@code mode}. */
    static RoomPolicy uniform(RoomMode mode) {
        RoomSettings settings = RoomSettings.defaultsFor(Objects.requireNonNull(mode, "mode"));
        return room -> settings;
    }
}
