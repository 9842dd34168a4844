package io.junction.sfu.room;

import io.junction.sfu.alloc.Allocation;
import io.junction.sfu.alloc.BudgetPolicy;
import io.junction.sfu.alloc.Layer;
import io.junction.sfu.alloc.LayerAllocator;
import io.junction.sfu.alloc.LayerChoice;
import io.junction.sfu.alloc.SubscriptionDemand;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits one subscriber's bandwidth estimate ({@link SubscriberBandwidth}) over its simulcast
 * video subscriptions a few times a second: {@link BudgetPolicy} turns the estimate into a
 * budget (unlimited until the path pushes back, never lowered without a congestion signal,
 * one-step up-switch trials after a hold), {@link LayerAllocator} spends it (the dominant
 * speaker first up to its preferred layer, the others from their lowest layer up; audio and
 * single-layer video are reserved first), and each subscription gets the chosen layer as a cap
 * on its own preference choice ({@link Subscription#setLayerCap}). Before an up-switch the
 * step is probed with RTX padding ({@link PaddingProbe}) when a video subscription has RTX. The lowest layer is never
 * taken away by the estimate: a subscription that does not fit keeps its lowest active layer.
 *
 * <p>Room worker thread only; allocates per round (a few lists, four times a second), never
 * per packet.
 */
public final class BandwidthAllocation {
    /** Rounds are this far apart. */
    static final long INTERVAL_MS = 250;
    /** The base hold before an up-switch trial after congestion (and the allocator's per-tile hold). */
    static final long BASE_HOLD_US = 5_000_000;
    /** Up-switch headroom of the allocator. */
    static final double UP_HEADROOM = 1.15;
    /** Reserved for an audio track whose bitrate is not measured yet. */
    static final long AUDIO_GUESS_BPS = 48_000;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BandwidthAllocation.class);

    private final String who;
    private final SubscriberBandwidth bwe;
    private final PaddingProbe probe;
    /** Keeping the current layer costs this much less (its measured rate swings with keyframes). */
    static final double KEEP_SLACK = 0.15;

    private final LayerAllocator allocator = new LayerAllocator(UP_HEADROOM, BASE_HOLD_US, KEEP_SLACK);
    private BudgetPolicy.State state = BudgetPolicy.State.initial(BASE_HOLD_US);
    private Map<Subscription, LayerChoice> previous = new IdentityHashMap<>();
    private long nextMs = Long.MIN_VALUE;
    private long stepBps;
    private long budgetBps = BudgetPolicy.UNLIMITED;
    private long allocatedBps;
    private long trials;
    private long congestions;
    private long downSwitches;
    private long upSwitches;

    /** @param who the participant's id (for logs) */
    public BandwidthAllocation(String who, SubscriberBandwidth bwe) {
        this.who = who;
        this.bwe = bwe;
        this.probe = new PaddingProbe(bwe);
    }

    /**
     * One round (at most every {@link #INTERVAL_MS}).
     *
     * @param nowMs    the room clock (layer activity)
     * @param speaker  the dominant speaker's participant id, or null
     * @param subs     the participant's subscriptions
     */
    public void tick(long nowMs, String speaker, List<Subscription> subs) {
        probe.tick(bwe.nowUs());
        if (nowMs < nextMs) {
            return;
        }
        nextMs = nowMs + INTERVAL_MS;
        long nowUs = bwe.nowUs();
        var est = bwe.estimator();
        boolean measured = est.hasEstimate(nowUs);
        Subscription carrier = PaddingProbe.carrierOf(subs);
        BudgetPolicy.Decision d = BudgetPolicy.decide(state, new BudgetPolicy.Input(nowUs, measured,
                est.estimateBps(nowUs), est.congestionEvents(), stepBps, carrier != null), BASE_HOLD_US);
        state = d.state();
        if (d.probeBps() > 0 && carrier != null) {
            probe.start(carrier, d.probeBps(), nowUs, BudgetPolicy.PROBE_DURATION_US);
            LOG.debug("{}: probing {} bit/s of padding over estimate {} (budget {})", who, d.probeBps(),
                    est.estimateBps(nowUs), budgetBps);
        }
        budgetBps = d.budgetBps();
        if (d.trial()) {
            trials++;
        }
        if (d.congested()) {
            congestions++;
        }
        long reserved = 0;
        List<Subscription> chosen = new ArrayList<>();
        List<SubscriptionDemand> demands = new ArrayList<>();
        for (int i = 0; i < subs.size(); i++) {
            Subscription s = subs.get(i);
            if (!s.isActive()) {
                continue;
            }
            PublishedTrack t = s.track();
            if (!t.source().isVideo() || t.layerCount() < 2) {
                long rate = t.bitrateBps();
                boolean sending = t.layer(0).ssrc() >= 0 && t.layer(0).isActive(nowMs);
                reserved += rate > 0 ? rate : sending && !t.source().isVideo() ? AUDIO_GUESS_BPS : 0;
                continue;
            }
            LayerChoice prev = previous.get(s);
            demands.add(new SubscriptionDemand(Integer.toString(chosen.size()), layers(t, nowMs), s.maxHeight(),
                    s.isPaused(), false, speaker != null && speaker.equals(t.source().publisherId()),
                    prev == null ? -1 : Math.min(prev.layer(), t.layerCount() - 1),
                    prev == null ? Long.MIN_VALUE : prev.lastDowngradeUs()));
            chosen.add(s);
        }
        Allocation a = allocator.allocate(budgetBps, reserved, demands, nowUs);
        allocatedBps = a.allocatedBps();
        Map<Subscription, LayerChoice> next = new IdentityHashMap<>();
        long step = Long.MAX_VALUE;
        for (int i = 0; i < chosen.size(); i++) {
            Subscription s = chosen.get(i);
            LayerChoice c = a.choices().get(i);
            LayerChoice prev = previous.get(s);
            if (prev != null && c.layer() != prev.layer()) {
                if (c.layer() < prev.layer()) {
                    downSwitches++;
                } else {
                    upSwitches++;
                }
                if (LOG.isDebugEnabled()) {
                    LOG.debug("{}: {} layer {} -> {} (estimate {} bit/s, budget {}, reserved {}, trial {}, congestion {})",
                            who, s.track().source().key(), prev.layer(), c.layer(), est.estimateBps(nowUs),
                            budgetBps >= BudgetPolicy.UNLIMITED ? "unlimited" : budgetBps, reserved, d.trial(),
                            d.congested());
                }
            }
            next.put(s, c);
            s.setLayerCap(budgetBps >= BudgetPolicy.UNLIMITED ? Subscription.NO_CAP : Math.max(0, c.layer()));
            step = Math.min(step, stepUp(demands.get(i), c.layer()));
        }
        previous = next;
        stepBps = upStep(step, a);
    }

    /**
     * What the next up-switch trial asks for: at least the cheapest step, up to everything the
     * preferences want (with headroom) but at most the current allocation again (doubling), so
     * a recovered path is climbed in few probes; 0 when nothing wants more.
     */
    static long upStep(long cheapest, Allocation a) {
        if (cheapest == Long.MAX_VALUE || a.wantedBps() <= a.allocatedBps()) {
            return 0;
        }
        long all = (long) Math.ceil((a.wantedBps() - a.allocatedBps()) * UP_HEADROOM);
        return Math.max(cheapest, Math.min(all, a.allocatedBps()));
    }

    /** The allocator's view of a track's layers: stream height (or a placeholder), bitrate, activity. */
    private static List<Layer> layers(PublishedTrack t, long nowMs) {
        int n = t.layerCount();
        List<Layer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            LayerReceiver l = t.layer(i);
            int h = l.height() > 0 ? l.height() : Math.max(1, LayerChooser.ASSUMED_TOP_HEIGHT >> (n - 1 - i));
            boolean active = l.ssrc() >= 0 && l.isActive(nowMs);
            long rate = l.bitrateBps();
            if (rate <= 0 && active) {
                rate = guessBps(h);
            }
            out.add(new Layer(h, active ? rate : 0, active));
        }
        return out;
    }

    /** A layer's bitrate before it is measured, by height (typical VP8 simulcast settings). */
    static long guessBps(int height) {
        return height <= 180 ? 150_000 : height <= 360 ? 500_000 : 1_500_000;
    }

    /** What moving {@code d} from {@code layer} to its next eligible layer costs (with headroom), or MAX. */
    private static long stepUp(SubscriptionDemand d, int layer) {
        if (d.paused()) {
            return Long.MAX_VALUE;
        }
        List<Layer> ls = d.layers();
        long have = layer >= 0 ? ls.get(layer).bitrateBps() : 0;
        for (int l = layer + 1; l < ls.size(); l++) {
            Layer x = ls.get(l);
            if (!x.active()) {
                continue;
            }
            if (x.height() > d.maxHeight() && layer >= 0) {
                return Long.MAX_VALUE;
            }
            return Math.max(1, (long) Math.ceil(x.bitrateBps() * UP_HEADROOM) - have + 1);
        }
        return Long.MAX_VALUE;
    }

    /** The budget of the last round, {@link BudgetPolicy#UNLIMITED} when nothing limits. */
    public long budgetBps() {
        return budgetBps;
    }

    /** Whether the path has pushed back (the estimate limits the layers). */
    public boolean limited() {
        return state.limited();
    }

    public long allocatedBps() {
        return allocatedBps;
    }

    public long trials() {
        return trials;
    }

    public long congestions() {
        return congestions;
    }

    public long downSwitches() {
        return downSwitches;
    }

    public long upSwitches() {
        return upSwitches;
    }

    /** Padding probes started. */
    public long probes() {
        return probe.probes();
    }

    /** Padding packets sent by probes. */
    public long probePackets() {
        return probe.packetsSent();
    }
}
