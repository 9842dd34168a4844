package io.junction.sfu.alloc;

/**
 * How much of one subscriber's bandwidth the {@link LayerAllocator} may spend: a pure decision
 * function over the previous {@link State} and this round's {@link Input}, called a few times a
 * second. The rules, in order:
 * <ol>
 *   <li><b>No measurement</b> (no transport-wide feedback or REMB lately): unlimited; the
 *       subscriber's preferences alone choose its layers.</li>
 *   <li><b>Unlimited until the path pushes back</b>: a subscriber starts on its preferred layers
 *       and stays there while the estimator has signalled no congestion (a send-side estimate
 *       only grows with what is sent: 1.5 × the acknowledged rate, draft-ietf-rmcat-gcc-02
 *       §5.5, so starting from it would keep a subscriber below its top layer forever).</li>
 *   <li><b>Congestion</b> (the estimator's congestion counter moved: an over-use decrease or a
 *       loss decrease): the budget becomes the estimate, which has just been set below what the
 *       path delivered; the allocator switches down.</li>
 *   <li><b>One reaction per congestion</b>: signals within {@link #SETTLE_US} of the one acted
 *       on are ignored.</li>
 *   <li><b>No oscillation on small changes</b>: between congestion signals the budget never
 *       goes down; it is max(estimate, the budget granted last).</li>
 *   <li><b>Conservative up-switch</b>: when the allocation wants more than the budget, one
 *       step (the cheapest next layer, {@link Input#stepBps}) is tried once no congestion was
 *       seen for the hold time and the last trial is as old. When the caller can send padding
 *       ({@link Input#canProbe}) the step is first probed: the decision asks for padding at the
 *       step's rate ({@link Decision#probeBps}) and the budget grows only if no congestion is
 *       signalled within {@link #PROBE_WINDOW_US}; congestion during the probe is blamed on
 *       it (the budget stays). A congestion signal within {@link #TRIAL_WINDOW_US} of a probe
 *       or trial doubles the hold (up to {@link #MAX_PROBE_HOLD_US} with probes, {@link #MAX_HOLD_US} without); a trial that survives the
 *       window resets it to the base hold.</li>
 * </ol>
 * Stateless; any thread.
 */
public final class BudgetPolicy {
    /** The budget that limits nothing. */
    public static final long UNLIMITED = Long.MAX_VALUE / 4;
    /** A trial failed if the path pushes back within this time after it. */
    public static final long TRIAL_WINDOW_US = 4_000_000;
    /**
     * After acting on congestion, further signals are not acted on for this long: they mostly
     * report the queue built before the down-switch took effect (the new layer starts at its
     * keyframe), and the estimate meanwhile follows the lowered send rate, not the path.
     */
    public static final long SETTLE_US = 2_000_000;
    /** A probe succeeded if no congestion is signalled this long after it started. */
    public static final long PROBE_WINDOW_US = 1_500_000;
    /** The longest hold before a padding probe (a failed probe costs no video). */
    public static final long MAX_PROBE_HOLD_US = 10_000_000;
    /** The longest hold before an up-switch trial. */
    public static final long MAX_HOLD_US = 30_000_000;

    private BudgetPolicy() {
    }

    /**
     * What the policy remembers between rounds.
     *
     * @param limited          the path pushed back at least once
     * @param grantedBps       the budget granted last round (the floor until the next congestion)
     * @param holdUs           current wait before an up-switch trial
     * @param lastCongestionUs when congestion was last seen, {@link Long#MIN_VALUE} if never
     * @param lastTrialUs      when the last trial started, {@link Long#MIN_VALUE} if never
     * @param congestionEvents the estimator's congestion counter at the last round
     * @param probeEndUs       end of the running probe's window, {@link Long#MIN_VALUE} when none runs
     * @param probeStepBps     the step the running probe tests
     */
    public record State(boolean limited, long grantedBps, long holdUs, long lastCongestionUs, long lastTrialUs,
                        long congestionEvents, long probeEndUs, long probeStepBps) {
        public State(boolean limited, long grantedBps, long holdUs, long lastCongestionUs, long lastTrialUs,
                     long congestionEvents) {
            this(limited, grantedBps, holdUs, lastCongestionUs, lastTrialUs, congestionEvents, Long.MIN_VALUE, 0);
        }

        /** The state before any round, with {@code baseHoldUs} as the hold. */
        public static State initial(long baseHoldUs) {
            return new State(false, UNLIMITED, baseHoldUs, Long.MIN_VALUE, Long.MIN_VALUE, 0);
        }

        public boolean probing() {
            return probeEndUs != Long.MIN_VALUE;
        }
    }

    /**
     * One round's facts.
     *
     * @param nowUs            the time
     * @param measured         the estimator has measured the path lately
     * @param estimateBps      its estimate
     * @param congestionEvents its congestion counter (monotonic)
     * @param stepBps          the extra the cheapest up-switch of the last allocation costs
     *                         (headroom included), 0 when nothing wants to go up
     * @param canProbe         the caller can send padding to probe a step first
     */
    public record Input(long nowUs, boolean measured, long estimateBps, long congestionEvents, long stepBps,
                        boolean canProbe) {
        public Input(long nowUs, boolean measured, long estimateBps, long congestionEvents, long stepBps) {
            this(nowUs, measured, estimateBps, congestionEvents, stepBps, false);
        }
    }

    /**
     * @param state    to hand back next round
     * @param budgetBps what the allocator may spend (video and reserved), {@link #UNLIMITED} for no limit
     * @param trial    this round started an up-switch trial
     * @param congested this round saw a new congestion signal
     * @param probeBps  start sending padding at this rate for {@link #PROBE_DURATION_US}, 0 for no probe
     */
    public record Decision(State state, long budgetBps, boolean trial, boolean congested, long probeBps) {
        public Decision(State state, long budgetBps, boolean trial, boolean congested) {
            this(state, budgetBps, trial, congested, 0);
        }
    }

    /** How long a probe's padding is sent. */
    public static final long PROBE_DURATION_US = 800_000;

    /**
     * @param baseHoldUs the hold after a successful trial, and the first one
     */
    public static Decision decide(State s, Input in, long baseHoldUs) {
        long now = in.nowUs();
        if (!in.measured()) {
            return new Decision(new State(s.limited(), s.grantedBps(), s.holdUs(), s.lastCongestionUs(), s.lastTrialUs(),
                    in.congestionEvents()), s.limited() ? s.grantedBps() : UNLIMITED, false, false);
        }
        long hold = s.holdUs();
        boolean settling = s.lastCongestionUs() != Long.MIN_VALUE && now - s.lastCongestionUs() < SETTLE_US;
        if (in.congestionEvents() > s.congestionEvents() && !settling) {
            boolean trialFailed = s.probing()
                    || (s.lastTrialUs() != Long.MIN_VALUE && now - s.lastTrialUs() < TRIAL_WINDOW_US);
            if (trialFailed) {
                hold = Math.min(in.canProbe() ? MAX_PROBE_HOLD_US : MAX_HOLD_US, 2 * hold);
            }
            // congestion during a probe is the probe's: the layers stay
            long budget = s.probing() ? Math.max(in.estimateBps(), s.grantedBps()) : in.estimateBps();
            return new Decision(new State(true, budget, hold, now, s.lastTrialUs(), in.congestionEvents()), budget,
                    false, true);
        }
        if (!s.limited()) {
            return new Decision(new State(false, UNLIMITED, hold, s.lastCongestionUs(), s.lastTrialUs(),
                    in.congestionEvents()), UNLIMITED, false, false);
        }
        long budget = Math.max(in.estimateBps(), s.grantedBps());
        if (s.probing()) {
            if (now < s.probeEndUs()) {
                return new Decision(new State(true, budget, hold, s.lastCongestionUs(), s.lastTrialUs(),
                        in.congestionEvents(), s.probeEndUs(), s.probeStepBps()), budget, false, false);
            }
            budget = Math.min(UNLIMITED, budget + s.probeStepBps()); // the path carried the probe: step up
            return new Decision(new State(true, budget, hold, s.lastCongestionUs(), now, in.congestionEvents()),
                    budget, true, false);
        }
        if (s.lastTrialUs() != Long.MIN_VALUE && now - s.lastTrialUs() >= TRIAL_WINDOW_US
                && s.lastCongestionUs() < s.lastTrialUs()) {
            hold = baseHoldUs; // the last trial held
        }
        long lastTrial = s.lastTrialUs();
        boolean quiet = s.lastCongestionUs() == Long.MIN_VALUE || now - s.lastCongestionUs() >= hold;
        boolean spaced = lastTrial == Long.MIN_VALUE || now - lastTrial >= Math.max(hold, TRIAL_WINDOW_US);
        if (in.stepBps() > 0 && quiet && spaced && budget < UNLIMITED) {
            if (in.canProbe()) {
                return new Decision(new State(true, budget, hold, s.lastCongestionUs(), now, in.congestionEvents(),
                        now + PROBE_WINDOW_US, in.stepBps()), budget, false, false, in.stepBps());
            }
            budget = Math.min(UNLIMITED, budget + in.stepBps());
            return new Decision(new State(true, budget, hold, s.lastCongestionUs(), now, in.congestionEvents()),
                    budget, true, false);
        }
        return new Decision(new State(true, budget, hold, s.lastCongestionUs(), lastTrial, in.congestionEvents()),
                budget, false, false);
    }
}
