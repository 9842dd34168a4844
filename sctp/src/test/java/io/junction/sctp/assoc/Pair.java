package io.junction.sctp.assoc;

import java.util.Arrays;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * Two associations joined by a simulated link: a fake clock, a one-way delay, seeded random loss
 * and an optional per-packet script (drop or rewrite). Time only moves inside {@link #runUntil}.
 */
public class Pair {
    /** Decides the fate of one packet: return null to drop it, or the bytes to deliver. */
    public interface Script {
        byte[] apply(boolean fromA, byte[] packet, long nowMs);
    }

    private record Flight(long at, long seq, boolean toB, byte[] data) {
    }

    public long now = 1_000_000;
    public final Association a;
    public final Association b;
    public final Recorder ra = new Recorder();
    public final Recorder rb = new Recorder();
    private final PriorityQueue<Flight> wire = new PriorityQueue<>((x, y) -> x.at != y.at
            ? Long.compare(x.at, y.at) : Long.compare(x.seq, y.seq));
    private final Random loss;
    private long seq;
    public double lossRate;
    public long delayMs = 20;
    public Script script = (fromA, p, t) -> p;
    long packetsAtoB;
    long packetsBtoA;
    long dropped;

    public Pair(AssociationOptions oa, AssociationOptions ob, long seed) {
        loss = new Random(seed);
        a = new Association(oa, () -> now, new SplittableRandom(seed * 31 + 1), (p, off, len) -> send(true, p, off, len));
        b = new Association(ob, () -> now, new SplittableRandom(seed * 31 + 2), (p, off, len) -> send(false, p, off, len));
        a.setListener(ra);
        b.setListener(rb);
    }

    public Pair(long seed) {
        this(AssociationOptions.DEFAULTS, AssociationOptions.DEFAULTS, seed);
    }

    private void send(boolean fromA, byte[] p, int off, int len) {
        if (fromA) {
            packetsAtoB++;
        } else {
            packetsBtoA++;
        }
        byte[] copy = script.apply(fromA, Arrays.copyOfRange(p, off, off + len), now);
        if (copy == null || (lossRate > 0 && loss.nextDouble() < lossRate)) {
            dropped++;
            return;
        }
        wire.add(new Flight(now + delayMs, seq++, fromA, copy));
    }

    /** Runs the link and both timers until {@code done} holds or {@code maxMs} of simulated time passed. */
    public boolean runUntil(BooleanSupplier done, long maxMs) {
        long end = now + maxMs;
        while (!done.getAsBoolean()) {
            long next = Math.min(a.nextTimeout(), b.nextTimeout());
            Flight f = wire.peek();
            if (f != null && f.at <= next) {
                next = f.at;
            } else {
                f = null;
            }
            if (next == Long.MAX_VALUE || next > end) {
                now = Math.max(now, Math.min(end, next));
                return done.getAsBoolean();
            }
            now = Math.max(now, next);
            if (f != null) {
                wire.poll();
                (f.toB ? b : a).receive(f.data, 0, f.data.length);
            } else {
                if (a.nextTimeout() <= now) {
                    a.handleTimeout();
                }
                if (b.nextTimeout() <= now) {
                    b.handleTimeout();
                }
            }
        }
        return true;
    }

    public boolean connect() {
        a.connect();
        return runUntil(() -> ra.established && rb.established, 10_000);
    }

    public void advance(long ms) {
        runUntil(() -> false, ms);
    }
}
