package io.junction.ice;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.LongAdder;
import org.ice4j.TransportAddress;
import org.ice4j.ice.harvest.SinglePortUdpHarvester;
import org.ice4j.util.Buffer;

/**
 * ice4j's single-port harvester with Junction's admission checks on the first datagram from an unknown
 * remote address (a STUN Binding Request whose USERNAME ufrag ice4j has just read): the source must lie
 * in the allowed remote networks, the message must pass {@link StunFraming}, and the ufrag must name a
 * live session. Each refusal is counted; a refused datagram creates no per-address socket.
 *
 * <p>ice4j has already run its own decoder on this datagram to read the ufrag (its package-private
 * {@code AbstractUdpListener.getUfrag}, which catches and drops decoding exceptions at FINE) before this
 * hook is reached; no earlier hook exists without changing ice4j.
 */
final class CountingUdpHarvester extends SinglePortUdpHarvester {
    private final RemoteNetworks allowed;
    private final LongAdder rejected = new LongAdder();
    private final LongAdder rejectedByNetwork = new LongAdder();
    private final LongAdder malformed;

    CountingUdpHarvester(TransportAddress address, RemoteNetworks allowed, LongAdder malformed) throws IOException {
        super(address);
        this.allowed = allowed;
        this.malformed = malformed;
    }

    @Override
    protected MySocket maybeAcceptNewSession(Buffer buf, InetSocketAddress remoteAddress, String ufrag) {
        if (!allowed.allows(remoteAddress.getAddress())) {
            rejectedByNetwork.increment();
            return null;
        }
        if (!StunFraming.isValid(buf.getBuffer(), buf.getOffset(), buf.getLength())) {
            malformed.increment();
            return null;
        }
        MySocket s = super.maybeAcceptNewSession(buf, remoteAddress, ufrag);
        if (s == null) {
            rejected.increment();
        }
        return s;
    }

    long rejected() {
        return rejected.sum();
    }

    long rejectedByNetwork() {
        return rejectedByNetwork.sum();
    }
}
