package io.junction.sfu.view;

import java.util.List;

/**
 * A snapshot of one {@code sfu} room, taken on its worker thread.
 *
 * @param name         the room name
 * @param participants its participants in join order
 */
public record RoomView(String name, List<ParticipantView> participants) {
    public RoomView {
        participants = List.copyOf(participants);
    }

    /** Every published track of the room. */
    public List<TrackView> tracks() {
        return participants.stream().flatMap(p -> p.published().stream()).toList();
    }
}
