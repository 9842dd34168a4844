package io.junction.sfu.view;

import java.util.List;

/**
 * A snapshot of one {@code sfu} room, taken on its worker thread.
 *
 * @param name         the room name
 * @param participants    its participants in join order
 * @param dominantSpeaker the participant id of the room's dominant (active) speaker, or null
 */
public record RoomView(String name, List<ParticipantView> participants, String dominantSpeaker) {
    public RoomView {
        participants = List.copyOf(participants);
    }

    /** A room without a dominant speaker. */
    public RoomView(String name, List<ParticipantView> participants) {
        this(name, participants, null);
    }

    /** Every published track of the room. */
    public List<TrackView> tracks() {
        return participants.stream().flatMap(p -> p.published().stream()).toList();
    }
}
