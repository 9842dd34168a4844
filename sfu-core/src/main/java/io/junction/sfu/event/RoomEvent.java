package io.junction.sfu.event;

/**
 * A lifecycle event of the media engine's {@code sfu} rooms, for monitoring and application
 * hooks. Every event names its room; participant events name the participant id.
 */
public sealed interface RoomEvent {
    /** The room the event belongs to. */
    String room();

    /** The first participant's media session created the room. */
    record RoomCreated(String room) implements RoomEvent {
    }

    /** The last participant left (or the engine closed): the room and its worker binding are gone. */
    record RoomClosed(String room) implements RoomEvent {
    }

    /** A participant's media session started. */
    record ParticipantJoined(String room, String participant, String name) implements RoomEvent {
    }

    /** A participant's media session ended; {@code reason} is e.g. {@code left} or {@code engine closed}. */
    record ParticipantLeft(String room, String participant, String reason) implements RoomEvent {
    }

    /** A participant's offer or answer published a track ({@code key} is publisher id + "/" + mid). */
    record TrackPublished(String room, String participant, String key, String kind, String codec)
            implements RoomEvent {
    }

    /** A published track went away (renegotiated off, or its publisher left). */
    record TrackUnpublished(String room, String participant, String key) implements RoomEvent {
    }

    /** The participant's ICE + DTLS-SRTP transport connected. */
    record TransportConnected(String room, String participant) implements RoomEvent {
    }

    /**
     * The room's dominant (active) speaker changed, from the RFC 6464 audio levels its publishers
     * send; {@code participant} is null when the speaker left and nobody has taken over yet.
     */
    record DominantSpeakerChanged(String room, String participant) implements RoomEvent {
    }

    /** The participant's transport failed or the peer closed it; {@code reason} says why. */
    record TransportFailed(String room, String participant, String reason) implements RoomEvent {
    }
}
