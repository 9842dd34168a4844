package io.junction.sfu;

import io.junction.sfu.view.EngineTotals;
import io.junction.sfu.view.ParticipantView;
import io.junction.sfu.view.RoomView;
import io.junction.sfu.view.SubscriptionView;
import io.junction.sfu.view.TrackView;

import java.util.HashMap;
import java.util.Map;

/**
 * Engine-wide counters: a participant's counters are added here when it leaves, so that
 * {@link #with} (retired + live) only grows. Thread-safe (synchronized; touched once per
 * departure and once per read, never per packet).
 */
final class Totals {
    private final long[] sums = new long[9];
    private final Map<String, Long> dropped = new HashMap<>();
    private long poolExhausted;
    private Map<String, Long> portDrops = Map.of();

    synchronized void retire(ParticipantView p) {
        add(sums, dropped, p);
    }

    synchronized void countPoolExhausted(long n) {
        poolExhausted = n;
    }

    /** The media port's own drops by reason (they belong to no participant). */
    synchronized void countIcePort(Map<io.junction.ice.PortDrop, Long> drops) {
        Map<String, Long> m = new HashMap<>();
        drops.forEach((k, v) -> m.put(k.metricName(), v));
        portDrops = m;
    }

    /** Retired counters plus those of the given live rooms. */
    synchronized EngineTotals with(Iterable<RoomView> live) {
        long[] s = sums.clone();
        Map<String, Long> d = new HashMap<>(dropped);
        for (RoomView r : live) {
            for (ParticipantView p : r.participants()) {
                add(s, d, p);
            }
        }
        d.put("pool-exhausted", poolExhausted);
        d.putAll(portDrops);
        return new EngineTotals(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], d);
    }

    private static void add(long[] s, Map<String, Long> d, ParticipantView p) {
        for (TrackView t : p.published()) {
            s[0] += t.packetsIn();
            s[1] += t.bytesIn();
            s[4] += t.nacksSent();
            s[7] += t.pliSent();
            s[8] += t.firSent();
            d.merge("unknown-payload-type", t.droppedUnknownPayloadType(), Long::sum);
        }
        for (SubscriptionView v : p.subscriptions()) {
            s[2] += v.packetsOut();
            s[3] += v.bytesOut();
            s[6] += v.retransmissions();
            d.merge("no-buffer", v.droppedNoBuffer(), Long::sum);
        }
        s[5] += p.nacksReceived();
        d.merge("unknown-ssrc", p.unknownSsrcDrops(), Long::sum);
        d.merge("invalid-rtcp", p.invalidRtcp(), Long::sum);
        p.transportDrops().forEach((k, v) -> d.merge(k, v, Long::sum));
    }
}
