package io.junction.ice;

import java.util.concurrent.atomic.LongAdder;

/** Malformed STUN datagrams dropped for one agent, also added to an optional port-wide total. */
final class StunGuardCounter {
    private final LongAdder own = new LongAdder();
    private volatile LongAdder port;

    /** Also count into {@code portTotal} from now on (set before any socket is added). */
    void alsoCountInto(LongAdder portTotal) {
        this.port = portTotal;
    }

    void malformed() {
        own.increment();
        LongAdder p = port;
        if (p != null) {
            p.increment();
        }
    }

    long count() {
        return own.sum();
    }
}
