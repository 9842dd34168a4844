package io.junction.sctp.chunk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Annotated packets: parse, check every field, build the same bytes back. */
class ChunkCodecTest {

    static final String INIT = """
            1388 1388          # source port 5000, destination port 5000 (RFC 8841 default)
            00000000           # verification tag 0: INIT (RFC 9260 §8.5.1)
            00000000           # checksum, filled in
            01 00 0020         # INIT, flags 0, length 32
            a1b2c3d4           # initiate tag
            00100000           # a_rwnd 1 MiB
            ffff ffff          # OS 65535, MIS 65535
            01020304           # initial TSN
            8008 0006 82c0 0000  # Supported Extensions: RE-CONFIG, FORWARD-TSN, 2 bytes padding
            c000 0004          # Forward-TSN-Supported (RFC 3758 §3.1)
            """;

    @Test
    void crc32cRfc3720Vectors() {
        Crc32c c = new Crc32c();
        java.util.zip.CRC32C plain = new java.util.zip.CRC32C();
        byte[] zeros = new byte[32];
        plain.update(zeros);
        assertEquals(0x8a9136aaL, plain.getValue(), "RFC 3720 B.4: 32 bytes of zeros");
        byte[] ones = new byte[32];
        Arrays.fill(ones, (byte) 0xff);
        plain.reset();
        plain.update(ones);
        assertEquals(0x62a8ab43L, plain.getValue(), "RFC 3720 B.4: 32 bytes of 0xff");
        byte[] inc = new byte[32];
        for (int i = 0; i < 32; i++) {
            inc[i] = (byte) i;
        }
        plain.reset();
        plain.update(inc);
        assertEquals(0x46dd794eL, plain.getValue(), "RFC 3720 B.4: incrementing");
        // over a packet the field counts as zero and the value is stored least significant byte first
        byte[] p = Hex.parse(INIT);
        c.write(p, 0, p.length);
        long v = c.compute(p, 0, p.length);
        assertEquals(v & 0xff, p[8] & 0xff);
        assertEquals(v >>> 24, p[11] & 0xff);
        assertTrue(c.verify(p, 0, p.length));
        p[20] ^= 1;
        assertFalse(c.verify(p, 0, p.length));
    }

    @Test
    void init() {
        byte[] p = Hex.packet(INIT);
        assertEquals(SctpHeader.Invalid.NONE, SctpHeader.check(p, 0, p.length, new Crc32c()));
        assertEquals(5000, SctpHeader.sourcePort(p, 0));
        assertEquals(0, SctpHeader.verificationTag(p, 0));
        ChunkCursor c = new ChunkCursor();
        assertTrue(c.resetPacket(p, 0, p.length));
        assertTrue(c.next());
        assertEquals(ChunkType.INIT, c.type());
        assertEquals(32, c.length());
        assertTrue(Chunks.check(c.type(), p, c.offset(), c.length()));
        int at = c.offset();
        assertEquals(0xa1b2c3d4L, InitChunk.initiateTag(p, at));
        assertEquals(1 << 20, InitChunk.arwnd(p, at));
        assertEquals(65535, InitChunk.outboundStreams(p, at));
        assertEquals(65535, InitChunk.inboundStreams(p, at));
        assertEquals(0x01020304L, InitChunk.initialTsn(p, at));
        TlvCursor t = new TlvCursor();
        assertTrue(t.reset(p, InitChunk.paramsOffset(at), InitChunk.paramsLength(c.length())));
        assertTrue(t.next());
        assertEquals(Param.SUPPORTED_EXTENSIONS, t.type());
        assertTrue(Param.listsExtension(p, t.valueOffset(), t.valueLength(), ChunkType.FORWARD_TSN));
        assertTrue(Param.listsExtension(p, t.valueOffset(), t.valueLength(), ChunkType.RE_CONFIG));
        assertFalse(Param.listsExtension(p, t.valueOffset(), t.valueLength(), 0x40));
        assertTrue(t.next());
        assertEquals(Param.FORWARD_TSN_SUPPORTED, t.type());
        assertFalse(t.next());
        assertFalse(c.next());
    }

    @Test
    void dataSackAndForwardTsnRoundTrip() {
        String hex = """
                1388 1388 0badcafe 00000000
                00 03 0013           # DATA, flags B|E, length 19 (3 bytes of data + 1 padding)
                00000010             # TSN 16
                0002 0007            # stream 2, SSN 7
                00000035             # PPID 53 (WebRTC binary, RFC 8831 §8)
                616263 00            # "abc", padding
                03 00 0020           # SACK, length 32
                0000000f             # cumulative TSN ack 15
                0000ffff             # a_rwnd 65535
                0002 0002            # 2 gap blocks, 2 duplicate TSNs
                0002 0003            # gap: TSN 17..18
                0005 0005            # gap: TSN 20
                0000000e             # duplicate TSN 14
                0000000f             # duplicate TSN 15
                c0 00 0010           # FORWARD TSN, length 16
                00000015             # new cumulative TSN 21
                0002 0007            # stream 2 skipped to SSN 7
                0004 0001            # stream 4 skipped to SSN 1
                """;
        byte[] p = Hex.packet(hex);
        ChunkCursor c = new ChunkCursor();
        assertTrue(c.resetPacket(p, 0, p.length));
        assertTrue(c.next());
        int d = c.offset();
        assertTrue(DataChunk.isValid(p, d, c.length()));
        assertEquals(16, DataChunk.tsn(p, d));
        assertEquals(2, DataChunk.streamId(p, d));
        assertEquals(7, DataChunk.ssn(p, d));
        assertEquals(53, DataChunk.ppid(p, d));
        assertEquals(3, DataChunk.payloadLength(c.length()));
        assertEquals('a', p[DataChunk.payloadOffset(d)]);
        assertEquals(DataChunk.FLAG_BEGIN | DataChunk.FLAG_END, c.flags());
        assertTrue(c.next());
        int s = c.offset();
        assertTrue(SackChunk.isValid(p, s, c.length()));
        assertEquals(15, SackChunk.cumulativeTsnAck(p, s));
        assertEquals(65535, SackChunk.arwnd(p, s));
        assertEquals(2, SackChunk.gapCount(p, s));
        assertEquals(5, SackChunk.gapStart(p, s, 1));
        assertEquals(3, SackChunk.gapEnd(p, s, 0));
        assertEquals(15, SackChunk.dupTsn(p, s, 1));
        assertTrue(c.next());
        int f = c.offset();
        assertTrue(ForwardTsnChunk.isValid(p, f, c.length()));
        assertEquals(21, ForwardTsnChunk.newCumulativeTsn(p, f));
        assertEquals(2, ForwardTsnChunk.streamCount(c.length()));
        assertEquals(4, ForwardTsnChunk.stream(p, f, 1));
        assertEquals(1, ForwardTsnChunk.ssn(p, f, 1));
        assertFalse(c.next());

        // build the same packet with the writers
        byte[] out = new byte[200];
        PacketWriter w = new PacketWriter();
        w.begin(out, 0, 200, 5000, 5000, 0x0badcafeL);
        int len = DataChunk.writeHeader(out, w.position(), 3, 16, 2, 7, 53, 3);
        System.arraycopy("abc".getBytes(), 0, out, w.position() + DataChunk.HEADER, 3);
        w.commit(len);
        w.commit(SackChunk.write(out, w.position(), 15, 65535, new int[] {2, 3, 5, 5}, 2, new long[] {14, 15}, 2));
        w.commit(ForwardTsnChunk.write(out, w.position(), 21, new int[] {2, 4}, new int[] {7, 1}, 2));
        assertArrayEquals(p, Arrays.copyOf(out, w.finish()));
    }

    @Test
    void reconfigRequestsAndResponse() {
        byte[] p = Hex.packet("""
                1388 1388 0badcafe 00000000
                82 00 0024           # RE-CONFIG, length 36: two parameters
                000d 0012            # Outgoing SSN Reset Request, length 18 (16 + one stream)
                00000100             # request sequence 256
                000000ff             # response sequence 255
                00000042             # sender's last assigned TSN 66
                0003 0000            # stream 3, padding
                0010 000c            # Re-configuration Response, length 12
                00000099 00000001    # response to 153: Success - Performed (RFC 6525 §4.4)
                """);
        ChunkCursor c = new ChunkCursor();
        assertTrue(c.resetPacket(p, 0, p.length));
        assertTrue(c.next());
        assertTrue(Reconfig.isValid(p, c.offset(), c.length()));
        TlvCursor t = new TlvCursor();
        assertTrue(t.reset(p, c.valueOffset(), c.valueLength()));
        assertTrue(t.next());
        assertEquals(Reconfig.OUTGOING_RESET, t.type());
        assertEquals(256, Reconfig.sequence(p, t.offset()));
        assertEquals(255, Reconfig.outgoingResponseSeq(p, t.offset()));
        assertEquals(66, Reconfig.outgoingLastTsn(p, t.offset()));
        assertEquals(1, Reconfig.streamCount(t.type(), t.length()));
        assertEquals(3, Reconfig.stream(p, t.offset(), t.type(), 0));
        assertTrue(t.next());
        assertEquals(Reconfig.RESPONSE, t.type());
        assertEquals(153, Reconfig.sequence(p, t.offset()));
        assertEquals(Reconfig.RESULT_PERFORMED, Reconfig.responseResult(p, t.offset()));

        byte[] out = new byte[64];
        int a = Reconfig.writeOutgoingReset(out, 20, 256, 255, 66, new int[] {3}, 1);
        int pa = Param.pad(out, 20, a);
        int b = Reconfig.writeResponse(out, 20 + pa, 153, Reconfig.RESULT_PERFORMED);
        Reconfig.writeChunkHeader(out, 16, pa + b);
        assertArrayEquals(Arrays.copyOfRange(p, 12, p.length), Arrays.copyOfRange(out, 16, 16 + 4 + pa + b));

        byte[] in = Hex.parse("000e 000c 00000007 0001 0002  # Incoming SSN Reset Request: seq 7, streams 1, 2");
        assertTrue(Reconfig.isValidParam(Reconfig.INCOMING_RESET, 12));
        assertEquals(2, Reconfig.streamCount(Reconfig.INCOMING_RESET, 12));
        assertEquals(2, Reconfig.stream(in, 0, Reconfig.INCOMING_RESET, 1));
    }

    @Test
    void abortErrorShutdownAndEmptyChunks() {
        byte[] p = Hex.packet("""
                1388 1388 0badcafe 00000000
                06 01 000c           # ABORT, T bit, length 12
                000c 0007 627965 00  # User-Initiated Abort "bye", padding
                09 00 000c           # ERROR, length 12
                0003 0008 000f4240   # Stale Cookie, 1 s of staleness in microseconds
                07 00 0008 00000063  # SHUTDOWN, cumulative TSN 99
                08 00 0004           # SHUTDOWN ACK
                0b 00 0004           # COOKIE ACK
                0e 01 0004           # SHUTDOWN COMPLETE, T bit
                """);
        ChunkCursor c = new ChunkCursor();
        assertTrue(c.resetPacket(p, 0, p.length));
        int[] types = {ChunkType.ABORT, ChunkType.ERROR, ChunkType.SHUTDOWN, ChunkType.SHUTDOWN_ACK,
                ChunkType.COOKIE_ACK, ChunkType.SHUTDOWN_COMPLETE};
        for (int type : types) {
            assertTrue(c.next());
            assertEquals(type, c.type());
            assertTrue(Chunks.check(type, p, c.offset(), c.length()), ChunkType.name(type));
            if (type == ChunkType.ABORT) {
                assertEquals(ChunkType.FLAG_T, c.flags());
                assertEquals("cause 12: bye", ErrorCause.describe(p, c.valueOffset(), c.valueLength()));
            }
            if (type == ChunkType.SHUTDOWN) {
                assertEquals(99, Chunks.shutdownCumTsn(p, c.offset()));
            }
        }
        assertFalse(c.next());
        byte[] out = new byte[16];
        assertEquals(8, ErrorCause.writeStaleCookie(out, 0, 1_000_000));
        assertArrayEquals(Hex.parse("0003 0008 000f4240"), Arrays.copyOf(out, 8));
        assertEquals(8, Chunks.writeShutdown(out, 0, 99));
        assertArrayEquals(Hex.parse("07 00 0008 00000063"), Arrays.copyOf(out, 8));
    }

    @Test
    void unknownChunkTypeActions() {
        assertFalse(ChunkType.skipUnknown(0x3f));
        assertFalse(ChunkType.reportUnknown(0x3f));
        assertTrue(ChunkType.reportUnknown(0x40));
        assertTrue(ChunkType.skipUnknown(0x80));
        assertTrue(ChunkType.skipUnknown(0xc1) && ChunkType.reportUnknown(0xc1));
    }
}
