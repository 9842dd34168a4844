package io.junction.signaling;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open WebSocket connections per client address and in total, bounded by {@link SignalingLimits}.
 * {@link #tryOpen} takes a slot or names the cap that refused it; {@link #closed} gives it back.
 * Thread-safe; an address whose count drops to zero is forgotten (the map never grows with
 * addresses that left).
 */
final class ConnectionCounter {
    private final int perAddress;
    private final int total;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<String, Integer> byAddress = new ConcurrentHashMap<>();

    ConnectionCounter(int perAddress, int total) {
        this.perAddress = perAddress;
        this.total = total;
    }

    /** Takes a slot for {@code address} (null = unknown, counted only in the total); null when taken, else why not. */
    String tryOpen(String address) {
        if (open.incrementAndGet() > total) {
            open.decrementAndGet();
            return "the server holds its maximum of " + total + " connections";
        }
        if (address == null) {
            return null;
        }
        boolean[] refused = new boolean[1];
        byAddress.compute(address, (a, n) -> {
            int now = n == null ? 0 : n;
            if (now >= perAddress) {
                refused[0] = true;
                return n;
            }
            return now + 1;
        });
        if (refused[0]) {
            open.decrementAndGet();
            return "your address holds its maximum of " + perAddress + " connections";
        }
        return null;
    }

    /** Why {@link #tryOpen} would refuse {@code address} now, or null (a pre-check; nothing is taken). */
    String check(String address) {
        if (open.get() >= total) {
            return "the server holds its maximum of " + total + " connections";
        }
        if (address != null && byAddress.getOrDefault(address, 0) >= perAddress) {
            return "your address holds its maximum of " + perAddress + " connections";
        }
        return null;
    }

    /** Gives back a slot taken by {@link #tryOpen} for {@code address}. */
    void closed(String address) {
        open.decrementAndGet();
        if (address != null) {
            byAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
        }
    }

    int open() {
        return open.get();
    }

    int open(String address) {
        return byAddress.getOrDefault(address, 0);
    }
}
