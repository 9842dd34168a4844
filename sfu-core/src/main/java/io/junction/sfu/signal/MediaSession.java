package io.junction.sfu.signal;

/** One participant's peer connection to the server, as seen by signaling. */
public interface MediaSession {

    /**
     * A negotiation message from the client.
     *
     * @throws NegotiationException when it is refused; nothing established changes
     */
    void onClientNegotiation(Negotiation negotiation) throws NegotiationException;

    /** The participant left or its socket closed: close its transport and subscriptions. */
    void leave();
}
