package io.junction.sctp.assoc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.junction.sctp.chunk.Bytes;
import io.junction.sctp.chunk.Crc32c;
import io.junction.sctp.chunk.SctpHeader;

/**
 * Fuzzes an established association with arbitrary chunks: the input becomes the chunks of a
 * packet with the right ports, verification tag and CRC32c, so it reaches the state machine.
 *
 * <p>Property: no exception; afterwards the pair either still carries an (unordered: SSN skips
 * announced by a FORWARD TSN are the peer's to make) message or ends with a
 * reason within the retransmission limits (a peer that skips TSNs it never sent is unreachable
 * for our data), and the buffered amounts never go negative.
 */
class AssociationFuzzTest {

    @FuzzTest
    void receiveChunks(byte[] chunks) {
        Pair p = new Pair(42);
        assertTrue(p.connect());
        p.a.send(0, 53, new byte[3000], 0, 3000, SendOptions.RELIABLE_ORDERED);
        int len = Bytes.pad4(SctpHeader.LENGTH + chunks.length);
        byte[] pkt = new byte[len];
        SctpHeader.write(pkt, 0, 5000, 5000, p.b.myTag);
        System.arraycopy(chunks, 0, pkt, SctpHeader.LENGTH, chunks.length);
        new Crc32c().write(pkt, 0, len);
        p.b.receive(pkt, 0, len);
        p.b.receive(chunks, 0, chunks.length);
        p.advance(2_000);
        assertTrue(p.b.bufferedAmount() >= 0 && p.a.bufferedAmount() >= 0);
        if (p.b.state() == State.ESTABLISHED && p.a.state() == State.ESTABLISHED) {
            int before = p.rb.messages.size();
            p.a.send(1, 51, new byte[] {1}, 0, 1, SendOptions.RELIABLE_UNORDERED);
            assertTrue(p.runUntil(() -> p.rb.messages.size() > before || p.rb.closed != null
                    || p.ra.closed != null, 3_600_000), "still carries data or ends");
        } else {
            assertTrue(p.rb.closed != null || p.ra.closed != null || p.b.state() != State.CLOSED,
                    "closed with a reason");
        }
    }
}
