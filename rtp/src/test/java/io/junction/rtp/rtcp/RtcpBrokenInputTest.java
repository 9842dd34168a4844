package io.junction.rtp.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.junction.rtp.Hex;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Broken RTCP never throws: it gives false / an Invalid reason. */
class RtcpBrokenInputTest {

    /** Reads every field a consumer could read, dispatching like a receiver would. */
    static int parseEverything(byte[] b, int off, int len) {
        int sum = 0;
        if (SenderReport.isValid(b, off, len)) {
            sum += (int) (SenderReport.ntpTimestamp(b, off) + SenderReport.octetCount(b, off));
            for (int i = 0; i < SenderReport.reportCount(b, off); i++) {
                sum += ReportBlock.cumulativeLost(b, SenderReport.reportBlockOffset(off, i));
                sum += (int) ReportBlock.delaySinceLastSr(b, SenderReport.reportBlockOffset(off, i));
            }
        }
        if (ReceiverReport.isValid(b, off, len)) {
            for (int i = 0; i < ReceiverReport.reportCount(b, off); i++) {
                sum += (int) ReportBlock.delaySinceLastSr(b, ReceiverReport.reportBlockOffset(off, i));
            }
        }
        SdesCursor sdes = new SdesCursor();
        if (sdes.reset(b, off, len)) {
            while (sdes.next()) {
                sum += sdes.type();
                if (sdes.valueLength() > 0) {
                    sum += b[sdes.valueOffset() + sdes.valueLength() - 1];
                }
            }
        }
        if (Bye.isValid(b, off, len)) {
            for (int i = 0; i < Bye.ssrcCount(b, off); i++) {
                sum += (int) Bye.ssrc(b, off, i);
            }
            int r = Bye.reasonOffset(b, off, len);
            if (r >= 0 && Bye.reasonLength(b, off, len) > 0) {
                sum += b[r + Bye.reasonLength(b, off, len) - 1];
            }
        }
        if (App.isValid(b, off, len) && App.dataLength(b, off, len) > 0) {
            sum += b[App.dataOffset(off) + App.dataLength(b, off, len) - 1] + App.name(b, off);
        }
        if (Nack.isValid(b, off, len)) {
            sum += Nack.expand(b, off, len, new int[4]);
        }
        if (Pli.isValid(b, off, len)) {
            sum += (int) Feedback.mediaSsrc(b, off);
        }
        if (Fir.isValid(b, off, len)) {
            for (int i = 0; i < Fir.entryCount(len); i++) {
                sum += Fir.sequenceNumber(b, off, i) + (int) Fir.ssrc(b, off, i);
            }
        }
        if (Remb.isValid(b, off, len)) {
            sum += (int) Remb.bitrate(b, off);
            for (int i = 0; i < Remb.ssrcCount(b, off); i++) {
                sum += (int) Remb.ssrc(b, off, i);
            }
        }
        TransportCcReader twcc = new TransportCcReader();
        if (twcc.reset(b, off, len)) {
            while (twcc.next()) {
                sum += twcc.deltaTicks() + twcc.sequenceNumber();
            }
        }
        return sum;
    }

    static Stream<Arguments> vectors() {
        return Stream.of(
                Arguments.of("RR+SDES", RtcpVectors.RR_SDES, Set.of(32)),
                Arguments.of("SR", RtcpVectors.SR, Set.of()),
                Arguments.of("NACK", RtcpVectors.NACK_WRAP, Set.of()),
                Arguments.of("RR+NACK", RtcpVectors.RR_NACK, Set.of(8)),
                Arguments.of("PLI", RtcpVectors.PLI, Set.of()),
                Arguments.of("FIR", RtcpVectors.FIR, Set.of()),
                Arguments.of("REMB", RtcpVectors.REMB, Set.of()),
                Arguments.of("TWCC wrap", RtcpVectors.TWCC_WRAP, Set.of()),
                Arguments.of("TWCC run", RtcpVectors.TWCC_RUN, Set.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void everyTruncation(String name, byte[] vector, Set<Integer> packetBoundaries) {
        RtcpCursor c = new RtcpCursor();
        assertTrue(c.reset(vector, 0, vector.length));
        for (int len = 0; len < vector.length; len++) {
            byte[] t = Arrays.copyOf(vector, len);
            boolean ok = c.reset(t, 0, len);
            assertEquals(packetBoundaries.contains(len), ok, name + " cut to " + len + ": " + c.reason());
            while (c.next()) {
                parseEverything(t, c.offset(), c.length());
            }
            // the packet parsers on their own, with a length that lies about the bytes
            parseEverything(t, 0, len);
        }
        assertTrue(parseEverything(vector, 0, vector.length) != Integer.MIN_VALUE);
    }

    @Test
    void compoundLevelErrors() {
        RtcpCursor c = new RtcpCursor();
        assertFalse(c.reset(new byte[0], 0, 0));
        assertEquals(RtcpCursor.Invalid.EMPTY, c.reason());
        assertFalse(c.next());
        assertFalse(c.reset(null, 0, 4));
        assertEquals(RtcpCursor.Invalid.EMPTY, c.reason());

        byte[] v1 = Hex.parse("41 c9 0001 2a3b4c5d  # version 1");
        assertFalse(c.reset(v1, 0, v1.length));
        assertEquals(RtcpCursor.Invalid.BAD_VERSION, c.reason());

        byte[] lying = Hex.parse("80 c9 0004 2a3b4c5d  # RR claims 20 bytes, has 8");
        assertFalse(c.reset(lying, 0, lying.length));
        assertEquals(RtcpCursor.Invalid.LENGTH_PAST_END, c.reason());

        byte[] tail = Hex.parse("80 c9 0001 2a3b4c5d  80 c9  # 2 stray bytes after a valid RR");
        assertFalse(c.reset(tail, 0, tail.length));
        assertEquals(RtcpCursor.Invalid.TRUNCATED_HEADER, c.reason());
        assertFalse(c.next(), "no packets from an invalid compound");

        byte[] badPad = Hex.parse("a0 c9 0001 2a3b4c09  # P bit, padding count 9 > 4-byte body");
        assertFalse(c.reset(badPad, 0, badPad.length));
        assertEquals(RtcpCursor.Invalid.BAD_PADDING, c.reason());
        byte[] zeroPad = Hex.parse("a0 c9 0001 2a3b4c00  # P bit, padding count 0");
        assertFalse(c.reset(zeroPad, 0, zeroPad.length));
        assertEquals(RtcpCursor.Invalid.BAD_PADDING, c.reason());

        byte[] window = RtcpVectors.PLI;
        assertFalse(c.reset(window, 4, window.length));
        assertEquals(RtcpCursor.Invalid.EMPTY, c.reason());
    }

    @Test
    void unknownTypesAreIteratedAndRecognisedByNoParser() {
        byte[] v = Hex.parse("""
                80 d2 0001 2a3b4c5d   # PT 210: unknown
                8b cd 0002 2a3b4c5d deadbeef  # RTPFB with unknown FMT 11
                """);
        RtcpCursor c = new RtcpCursor();
        assertTrue(c.reset(v, 0, v.length));
        assertTrue(c.next());
        assertEquals(210, c.packetType());
        assertEquals(0, parseEverything(v, c.offset(), c.length()));
        assertTrue(c.next());
        assertEquals(RtcpHeader.RTPFB, c.packetType());
        assertEquals(11, c.count());
        assertFalse(Nack.isValid(v, c.offset(), c.length()));
        assertFalse(new TransportCcReader().reset(v, c.offset(), c.length()));
        assertFalse(c.next());
    }

    @Test
    void countsThatLie() {
        byte[] rr = Hex.parse("82 c9 0007 2a3b4c5d" + " 00".repeat(24) + "  # RC=2 but room for one block");
        assertFalse(ReceiverReport.isValid(rr, 0, rr.length));
        byte[] sr = Hex.parse("81 c8 0006" + " 00".repeat(24) + "  # SR RC=1 without its block");
        assertFalse(SenderReport.isValid(sr, 0, sr.length));
        byte[] bye = Hex.parse("83 cb 0002 deadbeef 11111111  # BYE SC=3, two SSRCs");
        assertFalse(Bye.isValid(bye, 0, bye.length));
        byte[] byeReason = Hex.parse("81 cb 0002 deadbeef 09 6c6566  # reason length 9, 3 bytes");
        assertFalse(Bye.isValid(byeReason, 0, byeReason.length));
        byte[] remb = Hex.parse("8f ce 0005 2a3b4c5d 00000000 52454d42 02 0bd090 deadbeef  # 2 SSRCs, 1 present");
        assertFalse(Remb.isValid(remb, 0, remb.length));
        byte[] notRemb = Hex.parse("8f ce 0004 2a3b4c5d 00000000 41424344 00000000  # AFB 'ABCD'");
        assertFalse(Remb.isValid(notRemb, 0, notRemb.length));
        byte[] nackNoFci = Hex.parse("81 cd 0002 2a3b4c5d deadbeef  # NACK without FCI");
        assertFalse(Nack.isValid(nackNoFci, 0, nackNoFci.length));
        byte[] appPad = Hex.parse("a0 cc 0003 deadbeef 54455354 00000009  # APP padding 9 > data");
        assertFalse(App.isValid(appPad, 0, appPad.length));
    }

    @Test
    void brokenSdes() {
        SdesCursor s = new SdesCursor();
        byte[] itemPastEnd = Hex.parse("81 ca 0002 2a3b4c5d 01 10 6162  # CNAME length 16, 2 bytes");
        assertFalse(s.reset(itemPastEnd, 0, itemPastEnd.length));
        assertFalse(s.next());
        byte[] noTerminator = Hex.parse("81 ca 0002 2a3b4c5d 01 02 6162  # no null item");
        assertFalse(s.reset(noTerminator, 0, noTerminator.length));
        byte[] missingChunk = Hex.parse("82 ca 0002 2a3b4c5d 01 01 61 00  # SC=2, one chunk");
        assertFalse(s.reset(missingChunk, 0, missingChunk.length));
        byte[] twoChunks = Hex.parse("""
                82 ca 0005            # SC=2, 24 bytes
                00000001 01 01 61 00  # chunk 1: CNAME "a"
                00000002 01 03 626364 00 00 00  # chunk 2: CNAME "bcd", null + 2 pad
                """);
        assertTrue(s.reset(twoChunks, 0, twoChunks.length));
        assertTrue(s.next());
        assertEquals(1, s.ssrc());
        assertEquals(1, s.valueLength());
        assertTrue(s.next());
        assertEquals(2, s.ssrc());
        assertEquals(3, s.valueLength());
        assertFalse(s.next());
    }

    @Test
    void brokenTransportCc() {
        TransportCcReader r = new TransportCcReader();
        byte[] reserved = Hex.parse("8f cd 0005 2a3b4c5d deadbeef 0001 0001 000000 00 6001 0000  # symbol 3");
        assertFalse(r.reset(reserved, 0, reserved.length));
        assertFalse(r.next());
        byte[] deltasMissing = Hex.parse("8f cd 0005 2a3b4c5d deadbeef 0001 0004 000000 00 2004 0102  # 4 recv, 2 deltas");
        assertFalse(r.reset(deltasMissing, 0, deltasMissing.length));
        byte[] chunksMissing = Hex.parse("8f cd 0005 2a3b4c5d deadbeef 0001 0020 000000 00 2004 0102  # 32 pkts, 4 covered");
        assertFalse(r.reset(chunksMissing, 0, chunksMissing.length));
        byte[] emptyRun = Hex.parse("8f cd 0005 2a3b4c5d deadbeef 0001 0002 000000 00 0000 0002  # run of 0, then 2 lost");
        assertTrue(r.reset(emptyRun, 0, emptyRun.length));
        assertTrue(r.next());
        assertFalse(r.received());
        assertTrue(r.next());
        assertFalse(r.next());
        byte[] padEatsDeltas = Hex.parse("af cd 0005 2a3b4c5d deadbeef 0001 0002 000000 00 2002 0104  # padding 4 hides deltas");
        assertFalse(r.reset(padEatsDeltas, 0, padEatsDeltas.length));
    }
}
