package io.junction.sfu.room;

import io.junction.sfu.alloc.Layer;
import io.junction.sfu.alloc.LayerAllocator;
import io.junction.sfu.alloc.SubscriptionDemand;

import java.util.ArrayList;
import java.util.List;

/**
 * Which simulcast layer one video subscription should forward, from the subscriber's preference
 * and the layers' state, through {@link LayerAllocator} with an unlimited budget (no bandwidth
 * estimate yet): the highest active layer whose height is at most the preferred {@code maxHeight}
 * (the lowest active layer when none is that small); nothing when paused or no layer is active.
 *
 * <p>A layer's height is the one seen in the stream (VP8 keyframes), else its {@code a=rid}
 * {@code max-height}, else a placeholder that assumes the usual 1/4, 1/2, full scaling of a
 * 720-line top layer ({@code 720 >> (top - index)}). Called a few times a second per
 * subscription, not per packet. Any thread (stateless).
 */
public final class LayerChooser {
    /** The placeholder height of the top layer when nothing tells the real one. */
    static final int ASSUMED_TOP_HEIGHT = 720;
    /** An unlimited estimate for the allocator. */
    private static final long UNLIMITED_BPS = Long.MAX_VALUE / 4;
    private static final LayerAllocator ALLOCATOR = LayerAllocator.defaults();

    private LayerChooser() {
    }

    /**
     * @param heights   each layer's height (lowest first), -1 when unknown
     * @param active    each layer's activity
     * @param maxHeight the preference, {@link SubscriptionDemand#NO_LIMIT} for none
     * @param paused    the subscriber paused it
     * @param current   the layer forwarded now, -1 for none
     * @return the layer to forward, or -1 for none
     */
    public static int choose(int[] heights, boolean[] active, int maxHeight, boolean paused, int current) {
        int n = heights.length;
        if (paused || n == 0) {
            return -1;
        }
        List<Layer> layers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int h = heights[i] > 0 ? heights[i] : Math.max(1, ASSUMED_TOP_HEIGHT >> (n - 1 - i));
            layers.add(new Layer(h, 0, active[i]));
        }
        SubscriptionDemand d = new SubscriptionDemand("s", layers, maxHeight, false, false, false,
                current >= 0 && current < n ? current : -1, Long.MIN_VALUE);
        return ALLOCATOR.allocate(UNLIMITED_BPS, 0, List.of(d), 0).choices().get(0).layer();
    }
}
