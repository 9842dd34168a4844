package io.junction.signaling;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline (polling, never a timed wait for an outcome). */
public final class Conditions {
    private Conditions() {
    }

    /** Returns once {@code condition} holds; fails with {@code what} after 10 s. */
    public static void await(BooleanSupplier condition, String what) throws InterruptedException {
        await(condition, Duration.ofSeconds(10), what);
    }

    /** Returns once {@code condition} holds; fails with {@code what} after {@code timeout}. */
    public static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what);
            }
            Thread.sleep(10);
        }
    }
}
