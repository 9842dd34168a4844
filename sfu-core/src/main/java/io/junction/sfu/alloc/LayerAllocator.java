package io.junction.sfu.alloc;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one subscriber's bandwidth estimate over its video subscriptions. A pure function of
 * its inputs (the previous choices come back in as {@link SubscriptionDemand#currentLayer});
 * no state, any thread. Called by the room worker whenever the estimate, the layers, a
 * preference or the speaker changes (a few times a second, not per packet).
 *
 * <p>Order: the reserved bitrate (audio, always) comes off the estimate first. Then
 * <ol>
 *   <li>every unpaused subscription gets its lowest active layer, pinned tiles first, then the
 *       dominant speaker, then the others in the given order, while the budget lasts;</li>
 *   <li>pinned and speaker tiles go up, one at a time, as far as their preference and the
 *       budget allow;</li>
 *   <li>the others go up one layer per round, round-robin, while anything fits.</li>
 * </ol>
 * A layer above the subscription's preferred height is not chosen, except that the lowest
 * active layer is always eligible; inactive layers are skipped.
 *
 * <p>Hysteresis: keeping or lowering a layer costs its bitrate; going above the previous layer
 * costs {@code upHeadroom} × its bitrate, so an estimate hovering around a layer's bitrate does
 * not flip it (a new subscription's first layer is not an up-switch; resuming a suspended one
 * is). After a downgrade the subscription does not go up again for {@code upHoldUs}, which
 * also bounds how often a layer can change. Keeping the current layer may cost only
 * (1 - {@code keepSlack}) × its bitrate, so a measured rate that swings (keyframes) does not
 * drop it.
 */
public final class LayerAllocator {
    private final double upHeadroom;
    private final long upHoldUs;
    private final double keepSlack;

    /**
     * @param upHeadroom factor on a higher layer's bitrate before switching up, in [1, 2]
     * @param upHoldUs   no up-switch this long after a downgrade, in [0, 60 s]
     */
    public LayerAllocator(double upHeadroom, long upHoldUs) {
        this(upHeadroom, upHoldUs, 0);
    }

    /**
     * @param keepSlack keeping the current layer costs (1 - keepSlack) × its bitrate, in [0, 0.5]:
     *                  a layer whose measured rate swings around the budget (keyframes) stays
     */
    public LayerAllocator(double upHeadroom, long upHoldUs, double keepSlack) {
        if (!(keepSlack >= 0 && keepSlack <= 0.5)) {
            throw new IllegalArgumentException("allocation keep slack must be in [0, 0.5], was " + keepSlack);
        }
        this.keepSlack = keepSlack;
        if (!(upHeadroom >= 1 && upHeadroom <= 2)) {
            throw new IllegalArgumentException("allocation up headroom must be in [1, 2], was " + upHeadroom);
        }
        if (upHoldUs < 0 || upHoldUs > 60_000_000) {
            throw new IllegalArgumentException("allocation up hold must be in [0, 60000000] µs, was " + upHoldUs);
        }
        this.upHeadroom = upHeadroom;
        this.upHoldUs = upHoldUs;
    }

    /** 15 % headroom, 5 s hold. */
    public static LayerAllocator defaults() {
        return new LayerAllocator(1.15, 5_000_000);
    }

    public Allocation allocate(long estimateBps, long reservedBps, List<SubscriptionDemand> demands, long nowUs) {
        int n = demands.size();
        int[] chosen = new int[n];
        java.util.Arrays.fill(chosen, -1);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        order.sort((a, b) -> Integer.compare(demands.get(a).rank(), demands.get(b).rank()));
        long[] budget = {estimateBps - reservedBps};
        long wanted = reservedBps;

        for (int i : order) {
            SubscriptionDemand d = demands.get(i);
            int low = nextEligible(d, -1);
            if (d.paused() || low < 0) {
                continue;
            }
            wanted += d.layers().get(highestEligible(d)).bitrateBps();
            tryStep(d, chosen, i, low, budget, nowUs);
        }
        for (int i : order) {
            SubscriptionDemand d = demands.get(i);
            if (d.rank() < 2 && chosen[i] >= 0) {
                while (tryStep(d, chosen, i, nextEligible(d, chosen[i]), budget, nowUs)) {
                    // up as far as it goes
                }
            }
        }
        boolean moved = true;
        while (moved) {
            moved = false;
            for (int i : order) {
                SubscriptionDemand d = demands.get(i);
                if (d.rank() == 2 && chosen[i] >= 0) {
                    moved |= tryStep(d, chosen, i, nextEligible(d, chosen[i]), budget, nowUs);
                }
            }
        }

        List<LayerChoice> choices = new ArrayList<>(n);
        long allocated = reservedBps;
        for (int i = 0; i < n; i++) {
            SubscriptionDemand d = demands.get(i);
            boolean downgrade = !d.paused() && chosen[i] < d.currentLayer();
            choices.add(new LayerChoice(d.id(), chosen[i], downgrade ? nowUs : d.lastDowngradeUs()));
            if (chosen[i] >= 0) {
                allocated += d.layers().get(chosen[i]).bitrateBps();
            }
        }
        return new Allocation(choices, allocated, wanted);
    }

    /** Moves subscription {@code i} to {@code target} if allowed and affordable. */
    private boolean tryStep(SubscriptionDemand d, int[] chosen, int i, int target, long[] budget, long nowUs) {
        if (target < 0) {
            return false;
        }
        boolean fresh = d.currentLayer() < 0 && d.lastDowngradeUs() == Long.MIN_VALUE;
        boolean up = target > d.currentLayer() && !(fresh && chosen[i] < 0);
        if (up && d.lastDowngradeUs() != Long.MIN_VALUE && nowUs - d.lastDowngradeUs() < upHoldUs) {
            return false;
        }
        long have = chosen[i] < 0 ? 0 : d.layers().get(chosen[i]).bitrateBps();
        long rate = d.layers().get(target).bitrateBps();
        long cost = up ? (long) Math.ceil(rate * upHeadroom)
                : target == d.currentLayer() ? (long) (rate * (1 - keepSlack)) : rate;
        long needed = cost - have;
        if (needed > budget[0]) {
            return false;
        }
        budget[0] -= rate - have;
        chosen[i] = target;
        return true;
    }

    /** The next eligible layer above {@code from}, or -1. */
    static int nextEligible(SubscriptionDemand d, int from) {
        List<Layer> layers = d.layers();
        for (int l = from + 1; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            if (!layer.active()) {
                continue;
            }
            boolean lowest = lowestActive(d) == l;
            return lowest || layer.height() <= d.maxHeight() ? l : -1;
        }
        return -1;
    }

    private static int lowestActive(SubscriptionDemand d) {
        for (int l = 0; l < d.layers().size(); l++) {
            if (d.layers().get(l).active()) {
                return l;
            }
        }
        return -1;
    }

    private static int highestEligible(SubscriptionDemand d) {
        int best = -1;
        for (int l = nextEligible(d, -1); l >= 0; l = nextEligible(d, l)) {
            best = l;
        }
        return best;
    }
}
