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

    /** Closes every session and frees every port and thread. */
    @Override
    void close();
}
