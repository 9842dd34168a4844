package io.junction.sfu.alloc;

import java.util.List;
import java.util.Objects;

/**
 * One video subscription of a subscriber, as input to {@link LayerAllocator#allocate}.
 *
 * @param id              the subscription's name (returned in the {@link LayerChoice})
 * @param layers          the publisher's layers, lowest first
 * @param maxHeight       the subscriber's preference (tile size), > 0; {@link #NO_LIMIT} for none
 * @param paused          the subscriber asked not to receive it
 * @param pinned          the subscriber pinned this tile (first priority)
 * @param speaker         the publisher is the dominant speaker (second priority)
 * @param currentLayer    the layer chosen last time, -1 for none
 * @param lastDowngradeUs when the allocator last chose a lower layer, {@link Long#MIN_VALUE} if never
 */
public record SubscriptionDemand(String id, List<Layer> layers, int maxHeight, boolean paused, boolean pinned,
                                 boolean speaker, int currentLayer, long lastDowngradeUs) {
    public static final int NO_LIMIT = Integer.MAX_VALUE;

    public SubscriptionDemand {
        Objects.requireNonNull(id, "id");
        layers = List.copyOf(layers);
        if (maxHeight <= 0) {
            throw new IllegalArgumentException("max height must be > 0, was " + maxHeight);
        }
        if (currentLayer < -1 || currentLayer >= layers.size()) {
            throw new IllegalArgumentException("current layer must be in [-1, " + (layers.size() - 1) + "], was "
                    + currentLayer);
        }
    }

    /** A new subscription without preference or history. */
    public static SubscriptionDemand of(String id, List<Layer> layers) {
        return new SubscriptionDemand(id, layers, NO_LIMIT, false, false, false, -1, Long.MIN_VALUE);
    }

    int rank() {
        return pinned ? 0 : speaker ? 1 : 2;
    }
}
