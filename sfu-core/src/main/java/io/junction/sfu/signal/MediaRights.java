package io.junction.sfu.signal;

/**
 * What a participant may do with media in an {@code sfu} room, decided when it joins.
 *
 * <p>Enforcement by the engine: a participant without {@code publish} has every client offer or
 * answer that would publish a track (a section the client sends with SSRCs) refused with
 * {@code unauthorized}, and nothing it established changes; a participant without
 * {@code subscribe} is never offered anyone's tracks.
 *
 * @param publish   may send tracks to the room
 * @param subscribe may receive the other participants' tracks
 */
public record MediaRights(boolean publish, boolean subscribe) {
    /** Publish and subscribe (the default of every join). */
    public static final MediaRights ALL = new MediaRights(true, true);
    /** Only send tracks. */
    public static final MediaRights PUBLISH_ONLY = new MediaRights(true, false);
    /** Only receive tracks. */
    public static final MediaRights SUBSCRIBE_ONLY = new MediaRights(false, true);
}
