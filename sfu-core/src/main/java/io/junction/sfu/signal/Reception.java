package io.junction.sfu.signal;

import java.util.Objects;

/**
 * How a participant receives media.
 *
 * <p>{@link #STANDARD} (the WebSocket protocol): the server offers every other participant's
 * tracks and re-offers whenever they change (PROTOCOL.md "Negotiation in an sfu room").
 *
 * <p>{@link #answerOnly(TrackSelection)} (WHEP, RFC 9725-style HTTP sessions that cannot carry a
 * server offer): the server never offers. When it answers the client's offer, it puts the
 * selected tracks into the client's {@code recvonly} m-sections of the same kind whose codecs
 * include the track's codec (answered {@code sendonly}); the other sections are answered
 * {@code inactive}. Later changes only stop tracks that went away; tracks published after the
 * answer are not added.
 *
 * @param tracks       which published tracks the participant gets
 * @param serverOffers whether the server offers (true) or only answers (false)
 */
public record Reception(TrackSelection tracks, boolean serverOffers) {
    /** Every other participant's tracks, offered by the server. */
    public static final Reception STANDARD = new Reception(TrackSelection.ALL, true);

    public Reception {
        Objects.requireNonNull(tracks, "tracks");
    }

    /** The selected tracks, placed in the client's own offer's receive sections; no server offers. */
    public static Reception answerOnly(TrackSelection tracks) {
        return new Reception(tracks, false);
    }
}
