package io.junction.sfu.signal;

/**
 * Where the engine sends its side of a participant's negotiation (server offers, answers,
 * candidates). The signaling layer wraps each in a {@code message} from {@code "sfu"}.
 * Implementations must be thread-safe and must not block.
 */
@FunctionalInterface
public interface NegotiationSink {
    void send(Negotiation negotiation);

    /**
     * The participant's room has a new dominant (active) speaker, or the participant just joined
     * a room that has one: {@code participantId} is that speaker's id, or null when the speaker
     * left and nobody has taken over yet. The signaling layer sends it as a {@code speaker}
     * message (PROTOCOL.md). Called on the room's worker thread; must not block. The default
     * ignores it (a front with no way to tell its client, e.g. WHIP).
     */
    default void dominantSpeaker(String participantId) {
    }
}
