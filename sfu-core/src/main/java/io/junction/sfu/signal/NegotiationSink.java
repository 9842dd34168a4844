package io.junction.sfu.signal;

/**
 * Where the engine sends its side of a participant's negotiation (server offers, answers,
 * candidates). The signaling layer wraps each in a {@code message} from {@code "sfu"}.
 * Implementations must be thread-safe and must not block.
 */
@FunctionalInterface
public interface NegotiationSink {
    void send(Negotiation negotiation);
}
