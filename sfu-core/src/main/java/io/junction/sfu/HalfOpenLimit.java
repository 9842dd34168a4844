package io.junction.sfu;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Caps the half-open media transports (created, not yet through ICE + DTLS) per source: one
 * address cannot hold an unbounded number of ICE sessions and DTLS states by joining rooms and
 * never completing the handshakes. A source is an opaque key (signaling uses the WebSocket peer's
 * IP address); a null source is not limited.
 *
 * <p>Thread-safe: each call takes this object's lock briefly (joins and transport state changes,
 * never the packet path). A source's entry is removed when its count returns to zero, so the
 * map holds only sources with transports being set up now.
 */
final class HalfOpenLimit {
    private final int limit;
    private final Map<String, Integer> counts = new HashMap<>();
    private long refusals;

    /** @param limit half-open transports allowed per source, at least 1 */
    HalfOpenLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        this.limit = limit;
    }

    int limit() {
        return limit;
    }

    /**
     * A lease on one half-open slot of {@code source}, or empty (counted as a refusal) when the
     * source already holds {@link #limit()} of them. A null source always gets a lease that
     * counts nothing.
     */
    Optional<Lease> tryAcquire(String source) {
        if (source == null) {
            return Optional.of(new Lease(null));
        }
        synchronized (this) {
            int n = counts.getOrDefault(source, 0);
            if (n >= limit) {
                refusals++;
                return Optional.empty();
            }
            counts.put(source, n + 1);
        }
        return Optional.of(new Lease(source));
    }

    /**
     * Whether {@link #tryAcquire} would succeed now, without taking a slot; a no counts as a
     * refusal (the caller turns the join away).
     */
    synchronized boolean admits(String source) {
        if (source == null || counts.getOrDefault(source, 0) < limit) {
            return true;
        }
        refusals++;
        return false;
    }

    private synchronized void release(String source) {
        Integer n = counts.get(source);
        if (n == null) {
            return; // cannot happen: a lease is released once
        }
        if (n <= 1) {
            counts.remove(source);
        } else {
            counts.put(source, n - 1);
        }
    }

    /** Half-open transports of {@code source} now. */
    synchronized int count(String source) {
        return counts.getOrDefault(source, 0);
    }

    /** Half-open transports of every limited source now. */
    synchronized int total() {
        int t = 0;
        for (int n : counts.values()) {
            t += n;
        }
        return t;
    }

    /** Sources holding at least one half-open transport now. */
    synchronized int sources() {
        return counts.size();
    }

    /** Acquisitions refused since construction. */
    synchronized long refusals() {
        return refusals;
    }

    /** One half-open slot; {@link #release()} frees it, once, whoever calls it first. */
    final class Lease {
        private final String source;
        private final AtomicBoolean released = new AtomicBoolean();

        private Lease(String source) {
            this.source = source;
        }

        /** Frees the slot (the transport connected, failed or closed); later calls do nothing. */
        void release() {
            if (released.compareAndSet(false, true) && source != null) {
                HalfOpenLimit.this.release(source);
            }
        }

        boolean isReleased() {
            return released.get();
        }
    }
}
