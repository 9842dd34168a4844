package io.junction.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Directory records and TTL expiry, judged by an injected clock (milliseconds as arguments). */
class LivenessTest {
    private static NodeRecord rec(String id, long beat) {
        return new NodeRecord(id, null, 3, 1, beat, 5000);
    }

    @Test
    void aNodeWhoseBeatAdvancesStaysAlive() {
        Liveness l = new Liveness();
        for (long t = 0, beat = 1; t <= 60_000; t += 1000, beat++) {
            Liveness.Verdict v = l.update(Set.of("a"), Map.of("a", rec("a", beat)), t);
            assertEquals(Set.of("a"), v.alive().keySet(), "at " + t);
            assertEquals(Set.of(), v.dead());
        }
    }

    @Test
    void aStalledBeatExpiresAfterTheTtlByTheReadersClock() {
        Liveness l = new Liveness();
        l.update(Set.of("a"), Map.of("a", rec("a", 7)), 10_000);
        // the writer's timestamps do not matter: only when this reader saw the beat change
        assertEquals(Set.of("a"), l.update(Set.of("a"), Map.of("a", rec("a", 7)), 14_999).alive().keySet());
        Liveness.Verdict v = l.update(Set.of("a"), Map.of("a", rec("a", 7)), 15_000);
        assertEquals(Set.of(), v.alive().keySet());
        assertEquals(Set.of("a"), v.dead());
    }

    @Test
    void aNewBeatRevivesTheTtl() {
        Liveness l = new Liveness();
        l.update(Set.of("a"), Map.of("a", rec("a", 1)), 0);
        l.update(Set.of("a"), Map.of("a", rec("a", 2)), 4_000);
        assertEquals(Set.of("a"), l.update(Set.of("a"), Map.of("a", rec("a", 2)), 8_999).alive().keySet());
        assertEquals(Set.of("a"), l.update(Set.of("a"), Map.of("a", rec("a", 2)), 9_000).dead());
    }

    @Test
    void aRecordRedisExpiredIsDeadAtOnce() {
        Liveness l = new Liveness();
        l.update(Set.of("a", "b"), Map.of("a", rec("a", 1), "b", rec("b", 1)), 0);
        Liveness.Verdict v = l.update(Set.of("a", "b"), Map.of("a", rec("a", 2)), 1000);
        assertEquals(Set.of("a"), v.alive().keySet());
        assertEquals(Set.of("b"), v.dead());
    }

    @Test
    void aRegisteredIdWithoutARecordIsDeadAndAnUnlistedOneWithARecordIsNotSeen() {
        Liveness l = new Liveness();
        Liveness.Verdict v = l.update(Set.of("ghost"), Map.of(), 0);
        assertEquals(Set.of("ghost"), v.dead());
        // a node seen before but no longer listed nor recorded is reported dead once, then forgotten
        l.update(Set.of("a"), Map.of("a", rec("a", 1)), 0);
        assertEquals(Set.of("a"), l.update(Set.of(), Map.of(), 1000).dead());
        assertEquals(Set.of(), l.update(Set.of(), Map.of(), 2000).dead());
    }

    @Test
    void aNodeComingBackWithTheSameIdIsAliveAgain() {
        Liveness l = new Liveness();
        l.update(Set.of("a"), Map.of("a", rec("a", 9)), 0);
        assertEquals(Set.of("a"), l.update(Set.of("a"), Map.of(), 6000).dead());
        // re-registered after a restart of Redis: beat counting goes on from where it was
        assertEquals(Set.of("a"), l.update(Set.of("a"), Map.of("a", rec("a", 10)), 7000).alive().keySet());
    }
}
