package io.junction.transport.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.junction.sctp.assoc.AssociationOptions;
import java.util.ArrayDeque;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The records waiting for the owner thread are bounded by bytes (twice the advertised receive
 * window) and by count; past either bound they are dropped and counted, and the bound frees up as
 * the owner catches up. The owner here is a queue run by hand (the association sees junk records
 * and drops them; only the queueing is under test).
 */
class SctpTransportQueueTest {
    private final ArrayDeque<Runnable> ownerTasks = new ArrayDeque<>();

    private SctpTransport transport(long receiveWindow) {
        AssociationOptions opt = AssociationOptions.DEFAULTS.withBuffers(16 * 1024, 64 * 1024, receiveWindow);
        return new SctpTransport(opt, false, () -> 0L, new SplittableRandom(1), (b, o, l) -> true, ownerTasks::add);
    }

    @Test
    void aBurstUpToTwiceTheReceiveWindowWaitsForTheOwnerAndTheRestIsDropped() {
        SctpTransport s = transport(64 * 1024);
        byte[] record = new byte[1000];
        int accepted = 0;
        for (int i = 0; i < 200; i++) {
            s.offer(record, 0, record.length);
        }
        accepted = ownerTasks.size();
        assertEquals(131, accepted, "131 records of 1000 bytes fit in 2 x 64 KiB");
        assertEquals(200 - 131, s.inboundDropped());
        while (!ownerTasks.isEmpty()) {
            ownerTasks.poll().run();
        }
        s.offer(record, 0, record.length);
        assertEquals(1, ownerTasks.size(), "the bound frees up once the owner has run");
        assertEquals(200 - 131, s.inboundDropped());
    }

    @Test
    void tinyRecordsAreBoundedByCount() {
        SctpTransport s = transport(64 * 1024);
        byte[] record = new byte[1];
        for (int i = 0; i < SctpTransport.MAX_QUEUED + 10; i++) {
            s.offer(record, 0, 1);
        }
        assertEquals(SctpTransport.MAX_QUEUED, ownerTasks.size());
        assertEquals(10, s.inboundDropped());
    }
}
