package io.junction.sfu.signal;

import java.util.Objects;

/**
 * How a participant receives media.
 *
 * <p>{@link #STANDARD} (the WebSocket protocol): the server offers every other participant's
 * tracks and re-offers whenever they change (PROTOCOL.md "Negotiation in an sfu room"). In every
 * mode, the server's answer to a client offer puts tracks the participant does not receive yet into
 * the offer's new {@code recvonly} sections.
 *
 * <p>{@link #CLIENT_OFFERS_FIRST}: as {@link #STANDARD}, for a client that said it sends the first
 * offer ({@code join} with {@code offerFirst}, PROTOCOL.md 1.5): the server sends no offer before
 * answering that first offer (at most {@code clientOfferWaitMs} of the negotiator), so the client's
 * first offer never crosses one of the server's and is never rolled back.
 *
 * <p>{@link #answerOnly(TrackSelection)} (WHEP, RFC 9725-style HTTP sessions that cannot carry a
 * server offer): the server never offers. When it answers the client's offer, it puts the
 * selected tracks into the client's {@code recvonly} m-sections of the same kind whose codecs
 * include the track's codec (answered {@code sendonly}); the other sections are answered
 * {@code inactive}. Later changes only stop tracks that went away; tracks published after the
 * answer are not added.
 *
 * @param tracks       which published tracks the participant gets
 * @param serverOffers      whether the server offers (true) or only answers (false)
 * @param clientOffersFirst whether the client sends the first offer (the server waits for it)
 * @param localTracksOnly   whether it gets only tracks published on this node, never those a relay
 *                          link brought from another node ({@link #RELAY}: a node's relay link must
 *                          not send relayed media back into the cluster)
 */
public record Reception(TrackSelection tracks, boolean serverOffers, boolean clientOffersFirst,
                        boolean localTracksOnly) {
    /** Every other participant's tracks, offered by the server. */
    public static final Reception STANDARD = new Reception(TrackSelection.ALL, true);
    /** As {@link #STANDARD}; the server's first offer waits for the client's first offer. */
    public static final Reception CLIENT_OFFERS_FIRST = new Reception(TrackSelection.ALL, true, true);
    /**
     * The sending end of a relay link between cluster nodes: every track published on this node,
     * offered by the server; no track that itself came over a relay link (no loops).
     */
    public static final Reception RELAY = new Reception(TrackSelection.ALL, true, false, true);

    public Reception {
        Objects.requireNonNull(tracks, "tracks");
    }

    public Reception(TrackSelection tracks, boolean serverOffers) {
        this(tracks, serverOffers, false);
    }

    public Reception(TrackSelection tracks, boolean serverOffers, boolean clientOffersFirst) {
        this(tracks, serverOffers, clientOffersFirst, false);
    }

    /** The selected tracks, placed in the client's own offer's receive sections; no server offers. */
    public static Reception answerOnly(TrackSelection tracks) {
        return new Reception(tracks, false);
    }
}
