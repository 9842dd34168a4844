package io.junction.sfu;

import io.junction.sfu.alloc.SubscriptionDemand;
import io.junction.sfu.room.Subscription;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One subscriber's video preferences by publisher (PROTOCOL.md "Layer preferences"): the
 * maximum height and pause stated with the {@code preference} message, applied to the
 * subscriptions of that publisher's video tracks now and to those created later. Room worker
 * thread only.
 */
final class SubscriberPreferences {
    private record Preference(int maxHeight, boolean paused) {
    }

    /** At most this many publishers are remembered (one per other participant is plenty). */
    static final int MAX_ENTRIES = 1024;

    private final Map<String, Preference> byPublisher = new HashMap<>();

    /**
     * Stores the preference and applies it to the matching current subscriptions.
     *
     * @param maxHeight lines, 0 for no limit
     */
    void set(String publisher, int maxHeight, boolean paused, List<Subscription> subscriptions, long now) {
        Preference p = new Preference(maxHeight > 0 ? maxHeight : SubscriptionDemand.NO_LIMIT, paused);
        if (byPublisher.size() < MAX_ENTRIES || byPublisher.containsKey(publisher)) {
            byPublisher.put(publisher, p);
        }
        for (Subscription s : subscriptions) {
            if (s.track().source().isVideo() && s.track().source().publisherId().equals(publisher)) {
                s.setPreference(p.maxHeight(), p.paused(), now);
            }
        }
    }

    /** A new subscription: the stored preference for its publisher, if any, before it starts. */
    void applyTo(Subscription s, long now) {
        Preference p = byPublisher.get(s.track().source().publisherId());
        if (p != null && s.track().source().isVideo()) {
            s.setPreference(p.maxHeight(), p.paused(), now);
        }
    }

    /** Forgets a publisher that left. */
    void forget(String publisher) {
        byPublisher.remove(publisher);
    }
}
