package io.junction.sctp.assoc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.junction.sctp.chunk.Bytes;
import io.junction.sctp.chunk.ChunkCursor;
import io.junction.sctp.chunk.ChunkType;
import io.junction.sctp.chunk.Crc32c;
import io.junction.sctp.chunk.SctpHeader;

/**
 * Fuzzes an established association with arbitrary chunks: the input becomes the chunks of a
 * packet with the right ports, verification tag and CRC32c, so it reaches the state machine.
 *
 * <p>Property: no exception, buffered amounts never negative, and the sender never hangs: a
 * message sent afterwards is acknowledged (or abandoned) or the association ends with a reason
 * within the retransmission limits. Delivery itself cannot be promised: a peer may FORWARD-TSN
 * over TSNs it has not sent yet, and then those messages are lost by its own doing.
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
        rebase(pkt, len, p.b);
        new Crc32c().write(pkt, 0, len);
        p.b.receive(pkt, 0, len);
        p.b.receive(chunks, 0, chunks.length);
        p.advance(2_000);
        assertTrue(p.b.bufferedAmount() >= 0 && p.a.bufferedAmount() >= 0);
        if (p.b.state() == State.ESTABLISHED && p.a.state() == State.ESTABLISHED) {
            p.a.send(1, 51, new byte[] {1}, 0, 1, SendOptions.RELIABLE_UNORDERED);
            assertTrue(p.runUntil(() -> p.a.bufferedAmount() == 0 || p.rb.closed != null || p.ra.closed != null,
                    3_600_000), "the sender never hangs");
        } else {
            assertTrue(p.rb.closed != null || p.ra.closed != null || p.b.state() != State.CLOSED,
                    "closed with a reason");
        }
    }

    /**
     * Makes TSN fields relative to the receiver's state (its random initial TSNs are unknown to
     * the fuzzer): DATA and FORWARD TSN count from its cumulative TSN, SACK from its cumulative ack.
     */
    private static void rebase(byte[] pkt, int len, Association b) {
        ChunkCursor c = new ChunkCursor();
        if (!c.resetPacket(pkt, 0, len)) {
            return;
        }
        while (c.next()) {
            int at = c.offset();
            if (c.length() < 8) {
                continue;
            }
            long base = switch (c.type()) {
                case ChunkType.DATA, ChunkType.FORWARD_TSN -> b.in.cumulativeTsn();
                case ChunkType.SACK, ChunkType.SHUTDOWN -> b.out.cumAck();
                default -> 0;
            };
            Bytes.put32(pkt, at + 4, Bytes.u32(pkt, at + 4) + base);
        }
    }
}
