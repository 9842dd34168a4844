package io.junction.sfu.signal;

/** One participant's peer connection to the server, as seen by signaling. */
public interface MediaSession {

    /**
     * A negotiation message from the client.
     *
     * @throws NegotiationException when it is refused; nothing established changes
     */
    void onClientNegotiation(Negotiation negotiation) throws NegotiationException;

    /**
     * The participant's preference for the video it receives from {@code publisher}: at most
     * {@code maxHeight} lines ({@code 0}: no limit) or nothing at all ({@code paused}). It
     * replaces the previous preference for that publisher and also holds for that publisher's
     * later tracks.
     *
     * @throws NegotiationException {@code bad-message} for an unknown publisher or the
     *                              participant itself; {@code unsupported} when the engine has
     *                              no layers to choose from
     */
    default void onPreference(String publisher, int maxHeight, boolean paused) throws NegotiationException {
        throw new NegotiationException("unsupported", "this media engine takes no preferences");
    }

    /** The participant left or its socket closed: close its transport and subscriptions. */
    void leave();
}
