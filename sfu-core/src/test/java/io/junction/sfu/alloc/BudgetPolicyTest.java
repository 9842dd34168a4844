package io.junction.sfu.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The budget decision, as tables of rounds: (time, measured, estimate, congestion counter, step) → budget. */
class BudgetPolicyTest {
    private static final long HOLD = 5_000_000;
    private static final long U = BudgetPolicy.UNLIMITED;

    /** One round: input and the expected budget and trial flag. */
    private record Row(long tMs, boolean measured, long estimate, long events, long step, long budget, boolean trial) {
    }

    private static Row r(long tMs, long estimate, long events, long step, long budget, boolean trial) {
        return new Row(tMs, true, estimate, events, step, budget, trial);
    }

    private static BudgetPolicy.State run(List<Row> rows) {
        BudgetPolicy.State s = BudgetPolicy.State.initial(HOLD);
        for (Row row : rows) {
            BudgetPolicy.Decision d = BudgetPolicy.decide(s, new BudgetPolicy.Input(row.tMs() * 1000, row.measured(),
                    row.estimate(), row.events(), row.step()), HOLD);
            assertEquals(row.budget(), d.budgetBps(), "budget at " + row);
            assertEquals(row.trial(), d.trial(), "trial at " + row);
            s = d.state();
        }
        return s;
    }

    @Test
    void unmeasuredAndUncongestedPathsAreUnlimited() {
        BudgetPolicy.State s = run(List.of(
                new Row(0, false, 300_000, 0, 0, U, false),
                r(250, 300_000, 0, 0, U, false),       // an estimate below what is sent changes nothing
                r(500, 320_000, 0, 500_000, U, false), // nor does a wanted step
                r(10_000, 900_000, 0, 0, U, false)));
        assertFalse(s.limited());
    }

    @Test
    void congestionSetsTheBudgetToTheEstimateOncePerSettleTime() {
        BudgetPolicy.State s = run(List.of(
                r(0, 2_000_000, 0, 0, U, false),
                r(250, 700_000, 1, 0, 700_000, false),   // pushed back: the estimate rules
                r(500, 500_000, 2, 0, 700_000, false),   // within the settle time: ignored
                r(1_500, 450_000, 3, 0, 700_000, false), // still settling
                r(2_500, 400_000, 4, 0, 400_000, false))); // after it: acted on
        assertTrue(s.limited());
    }

    @Test
    void betweenCongestionSignalsTheBudgetNeverGoesDown() {
        run(List.of(
                r(0, 600_000, 1, 0, 600_000, false),
                r(250, 580_000, 1, 0, 600_000, false),
                r(500, 550_000, 1, 0, 600_000, false),
                r(750, 640_000, 1, 0, 640_000, false),
                r(1_000, 610_000, 1, 0, 640_000, false)));
    }

    @Test
    void upSwitchTrialsWaitForTheHoldAndAFailedTrialDoublesIt() {
        BudgetPolicy.State s = run(List.of(
                r(0, 400_000, 1, 0, 400_000, false),
                r(4_750, 420_000, 1, 700_000, 420_000, false),    // hold not over
                r(5_000, 420_000, 1, 700_000, 1_120_000, true),   // one step up
                r(5_250, 430_000, 1, 0, 1_120_000, false),        // kept while the estimate catches up
                r(6_000, 380_000, 2, 700_000, 380_000, false)));  // pushed back within the window: failed
        assertEquals(2 * HOLD, s.holdUs());
        BudgetPolicy.State after = runFrom(s, List.of(
                r(15_000, 380_000, 2, 700_000, 380_000, false),   // 9 s: the doubled hold is not over
                r(16_000, 380_000, 2, 700_000, 1_080_000, true)));
        assertEquals(2 * HOLD, after.holdUs());
        BudgetPolicy.State ok = runFrom(after, List.of(
                r(20_000, 1_000_000, 2, 0, 1_080_000, false)));   // 4 s without congestion: the trial held
        assertEquals(HOLD, ok.holdUs());
    }

    @Test
    void theHoldIsCapped() {
        BudgetPolicy.State s = new BudgetPolicy.State(true, 300_000, BudgetPolicy.MAX_HOLD_US, 0, 1_000_000, 1);
        BudgetPolicy.Decision d = BudgetPolicy.decide(s, new BudgetPolicy.Input(3_000_000, true, 250_000, 2, 0), HOLD);
        assertEquals(BudgetPolicy.MAX_HOLD_US, d.state().holdUs());
        assertTrue(d.congested());
    }

    @Test
    void losingTheMeasurementKeepsALimitedBudgetAndLiftsNone() {
        BudgetPolicy.State s = run(List.of(
                r(0, 500_000, 1, 0, 500_000, false),
                new Row(3_000, false, 300_000, 1, 900_000, 500_000, false)));
        assertTrue(s.limited());
    }

    private static BudgetPolicy.State runFrom(BudgetPolicy.State start, List<Row> rows) {
        BudgetPolicy.State s = start;
        for (Row row : rows) {
            BudgetPolicy.Decision d = BudgetPolicy.decide(s, new BudgetPolicy.Input(row.tMs() * 1000, row.measured(),
                    row.estimate(), row.events(), row.step()), HOLD);
            assertEquals(row.budget(), d.budgetBps(), "budget at " + row);
            assertEquals(row.trial(), d.trial(), "trial at " + row);
            s = d.state();
        }
        return s;
    }
}
