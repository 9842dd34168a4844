package io.junction.ice;

import java.util.concurrent.atomic.LongAdder;

/**
 * Admits remote candidates whose address lies in the allowed remote networks, counting the others for
 * the transport and (on the server) for its port.
 */
final class CandidateFilter {
    private final RemoteNetworks allowed;
    private final LongAdder rejected = new LongAdder();
    private final LongAdder portRejected;

    /** {@code portRejected} may be null (client transports). */
    CandidateFilter(RemoteNetworks allowed, LongAdder portRejected) {
        this.allowed = allowed;
        this.portRejected = portRejected;
    }

    /** Admits every candidate. */
    static CandidateFilter all() {
        return new CandidateFilter(RemoteNetworks.all(), null);
    }

    /** {@code literal} is an IP literal (checked by the caller). */
    boolean admit(String literal) {
        if (allowed.allowsAll() || allowed.allows(IpLiterals.toAddress(literal))) {
            return true;
        }
        rejected.increment();
        if (portRejected != null) {
            portRejected.increment();
        }
        return false;
    }

    long rejected() {
        return rejected.sum();
    }
}
