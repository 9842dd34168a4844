package io.junction.sctp.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Coverage-guided fuzz test of the packet frame, the chunk cursor, every per-type check and the
 * accessors of each chunk that passes it, on the raw input and on a copy with a valid CRC32c.
 *
 * <p>Property: no exception, and every offset handed out stays inside the packet.
 */
class SctpPacketFuzzTest {

    @FuzzTest
    void parsePacket(byte[] input) {
        Crc32c crc = new Crc32c();
        SctpHeader.check(input, 0, input.length, crc);
        walk(input);
        if (input.length >= SctpHeader.LENGTH + ChunkCursor.HEADER && (input.length & 3) == 0) {
            byte[] fixed = Arrays.copyOf(input, input.length);
            crc.write(fixed, 0, fixed.length);
            assertEquals(SctpHeader.Invalid.NONE, SctpHeader.check(fixed, 0, fixed.length, crc));
        }
    }

    static void walk(byte[] p) {
        ChunkCursor c = new ChunkCursor();
        if (!c.resetPacket(p, 0, p.length)) {
            return;
        }
        int total = SctpHeader.LENGTH;
        while (c.next()) {
            int at = c.offset();
            int len = c.length();
            assertTrue(len >= ChunkCursor.HEADER && at + Bytes.pad4(len) <= p.length, "chunk inside the packet");
            total += Bytes.pad4(len);
            if (Chunks.check(c.type(), p, at, len)) {
                readChunk(p, c.type(), at, len);
            }
        }
        assertEquals(p.length, total, "the chunks tile the packet");
    }

    private static void readChunk(byte[] p, int type, int at, int len) {
        TlvCursor t = new TlvCursor();
        switch (type) {
            case ChunkType.DATA -> {
                DataChunk.tsn(p, at);
                DataChunk.ppid(p, at);
                assertTrue(DataChunk.payloadOffset(at) + DataChunk.payloadLength(len) <= at + len);
            }
            case ChunkType.INIT, ChunkType.INIT_ACK -> {
                InitChunk.initialTsn(p, at);
                assertTrue(t.reset(p, InitChunk.paramsOffset(at), InitChunk.paramsLength(len)));
                while (t.next()) {
                    assertTrue(t.valueOffset() + t.valueLength() <= at + len);
                    if (t.type() == Param.SUPPORTED_EXTENSIONS) {
                        Param.listsExtension(p, t.valueOffset(), t.valueLength(), ChunkType.RE_CONFIG);
                    }
                }
            }
            case ChunkType.SACK -> {
                for (int i = 0; i < SackChunk.gapCount(p, at); i++) {
                    SackChunk.gapEnd(p, at, i);
                }
                for (int i = 0; i < SackChunk.dupCount(p, at); i++) {
                    SackChunk.dupTsn(p, at, i);
                }
            }
            case ChunkType.FORWARD_TSN -> {
                for (int i = 0; i < ForwardTsnChunk.streamCount(len); i++) {
                    ForwardTsnChunk.ssn(p, at, i);
                }
            }
            case ChunkType.RE_CONFIG -> {
                assertTrue(t.reset(p, at + 4, len - 4));
                while (t.next()) {
                    int pt = t.type();
                    if (pt == Reconfig.OUTGOING_RESET || pt == Reconfig.INCOMING_RESET) {
                        for (int i = 0; i < Reconfig.streamCount(pt, t.length()); i++) {
                            assertTrue(t.offset() + 8 + 2 * i < at + len);
                            Reconfig.stream(p, t.offset(), pt, i);
                        }
                    }
                    if (pt == Reconfig.RESPONSE) {
                        Reconfig.responseResult(p, t.offset());
                    }
                }
            }
            case ChunkType.ABORT, ChunkType.ERROR -> ErrorCause.describe(p, at + 4, len - 4);
            case ChunkType.SHUTDOWN -> Chunks.shutdownCumTsn(p, at);
            default -> {
            }
        }
    }
}
