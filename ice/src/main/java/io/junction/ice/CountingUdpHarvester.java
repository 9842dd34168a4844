package io.junction.ice;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.LongAdder;
import org.ice4j.TransportAddress;
import org.ice4j.ice.harvest.SinglePortUdpHarvester;
import org.ice4j.util.Buffer;

/** ice4j's single-port harvester, counting Binding Requests whose USERNAME names no live session. */
final class CountingUdpHarvester extends SinglePortUdpHarvester {
    private final LongAdder rejected = new LongAdder();

    CountingUdpHarvester(TransportAddress address) throws IOException {
        super(address);
    }

    @Override
    protected MySocket maybeAcceptNewSession(Buffer buf, InetSocketAddress remoteAddress, String ufrag) {
        MySocket s = super.maybeAcceptNewSession(buf, remoteAddress, ufrag);
        if (s == null) {
            rejected.increment();
        }
        return s;
    }

    long rejected() {
        return rejected.sum();
    }
}
