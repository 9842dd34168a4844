package io.junction.sfu.signal;

/**
 * The media side of {@code sfu} rooms as the signaling layer sees it. The signaling layer
 * owns room membership (capacity, {@code joined}/{@code bye}); the engine owns peer
 * connections and forwarding.
 */
public interface MediaEngine extends AutoCloseable {

    /**
     * A participant entered an {@code sfu} room. The engine creates its media session and
     * starts sending it server offers through {@code sink} whenever there are tracks to receive.
     *
     * @param roomId        the room name from {@code join}
     * @param participantId the server-chosen participant id (also the msid of its tracks)
     * @param displayName   the display name, possibly empty
     * @param sink          where the engine sends its negotiation messages
     */
    MediaSession join(String roomId, String participantId, String displayName, NegotiationSink sink);

    /**
     * As {@link #join(String, String, String, NegotiationSink)}, with the participant's media
     * rights (see {@link MediaRights} for what is enforced). The default accepts only
     * {@link MediaRights#ALL}: an engine that cannot enforce rights refuses to admit a restricted
     * participant rather than silently granting it everything.
     *
     * @throws UnsupportedOperationException when {@code rights} is restricted and this engine
     *                                       does not enforce rights
     */
    default MediaSession join(String roomId, String participantId, String displayName, MediaRights rights,
                              NegotiationSink sink) {
        if (!MediaRights.ALL.equals(rights)) {
            throw new UnsupportedOperationException("this media engine does not enforce media rights");
        }
        return join(roomId, participantId, displayName, sink);
    }

    /**
     * As {@link #join(String, String, String, MediaRights, NegotiationSink)}, naming where the
     * participant connects from (for logs). A join is never refused for half-open transports: an engine
     * bounds those at its media port, where they exist (PROTOCOL.md).
     *
     * @param source the participant's source, e.g. the signaling peer's IP address; may be null
     */
    default MediaSession join(String roomId, String participantId, String displayName, MediaRights rights,
                              String source, NegotiationSink sink) {
        return join(roomId, participantId, displayName, rights, sink);
    }

    /**
     * As {@link #join(String, String, String, MediaRights, String, NegotiationSink)}, choosing how
     * the participant receives media ({@link Reception}). The default accepts only
     * {@link Reception#STANDARD}: an engine that cannot answer with tracks refuses rather than
     * silently giving the participant nothing.
     *
     * @throws UnsupportedOperationException when {@code reception} is not standard and this engine
     *                                       does not support it
     */
    default MediaSession join(String roomId, String participantId, String displayName, MediaRights rights,
                              String source, Reception reception, NegotiationSink sink) {
        // Who offers first is a hint an engine may ignore (the client stays the polite peer).
        if (!Reception.STANDARD.equals(new Reception(reception.tracks(), reception.serverOffers()))) {
            throw new UnsupportedOperationException("this media engine only supports standard reception");
        }
        return join(roomId, participantId, displayName, rights, source, sink);
    }

    /** Closes every session and frees every port and thread. */
    @Override
    void close();
}
