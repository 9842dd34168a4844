package io.junction.sfu.alloc;

/**
 * The allocator's decision for one subscription: the layer to forward (-1: none) and the
 * downgrade time to hand back in the next {@link SubscriptionDemand}.
 */
public record LayerChoice(String id, int layer, long lastDowngradeUs) {
}
