package io.junction.server;

import io.junction.sfu.signal.MediaSession;
import io.junction.sfu.signal.Negotiation;
import io.junction.sfu.signal.NegotiationException;

/**
 * One participant of the media-only API: feed it what the remote peer sends (its offer, answer
 * and ICE candidates); the server's side comes back through {@link MediaCallbacks}. A refused
 * message throws {@link NegotiationException} whose {@code code()} is a PROTOCOL.md error code
 * ({@code bad-sdp}, {@code unsupported}, {@code unauthorized}...) and changes nothing established.
 * Thread-safe; calls block until the room's worker has applied them (at most 5 s).
 */
public final class MediaParticipant implements AutoCloseable {
    private final String room;
    private final String id;
    private final MediaSession session;

    MediaParticipant(String room, String id, MediaSession session) {
        this.room = room;
        this.id = id;
        this.session = session;
    }

    /** The room name. */
    public String room() {
        return room;
    }

    /** The participant id the application chose. */
    public String id() {
        return id;
    }

    /** The remote peer's offer; the answer comes through {@link MediaCallbacks#onAnswer}. */
    public void offer(String sdp) throws NegotiationException {
        session.onClientNegotiation(new Negotiation.Offer(sdp));
    }

    /** The remote peer's answer to the last {@link MediaCallbacks#onOffer}. */
    public void answer(String sdp) throws NegotiationException {
        session.onClientNegotiation(new Negotiation.Answer(sdp));
    }

    /**
     * A trickled remote candidate ({@code candidate:...}, with or without the prefix); an empty
     * string is end-of-candidates. {@code sdpMid} may be null, {@code sdpMLineIndex} negative.
     */
    public void candidate(String candidate, String sdpMid, int sdpMLineIndex) throws NegotiationException {
        session.onClientNegotiation(new Negotiation.Candidate(candidate, sdpMid, sdpMLineIndex));
    }

    /** Leaves the room: closes the transport, unpublishes the tracks, ends the subscriptions. */
    public void leave() {
        session.leave();
    }

    /** Same as {@link #leave()}. */
    @Override
    public void close() {
        leave();
    }
}
