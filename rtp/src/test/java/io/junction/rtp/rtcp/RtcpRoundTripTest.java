package io.junction.rtp.rtcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.junction.rtp.Hex;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RtcpRoundTripTest {

    @Test
    void chromeStyleRrPlusSdes() {
        byte[] v = RtcpVectors.RR_SDES;
        RtcpCursor c = new RtcpCursor();
        assertTrue(c.reset(v, 0, v.length));
        assertTrue(c.next());
        assertEquals(RtcpHeader.RR, c.packetType());
        assertEquals(0, c.offset());
        assertEquals(32, c.length());
        assertTrue(ReceiverReport.isValid(v, c.offset(), c.length()));
        assertEquals(0x2a3b4c5dL, ReceiverReport.senderSsrc(v, 0));
        assertEquals(1, ReceiverReport.reportCount(v, 0));
        int rb = ReceiverReport.reportBlockOffset(0, 0);
        assertEquals(0xdeadbeefL, ReportBlock.ssrc(v, rb));
        assertEquals(10, ReportBlock.fractionLost(v, rb));
        assertEquals(5, ReportBlock.cumulativeLost(v, rb));
        assertEquals(0x1ffffL, ReportBlock.extendedHighestSeq(v, rb));
        assertEquals(32, ReportBlock.jitter(v, rb));
        assertEquals(0x12345678L, ReportBlock.lastSr(v, rb));
        assertEquals(65536, ReportBlock.delaySinceLastSr(v, rb));

        assertTrue(c.next());
        assertEquals(RtcpHeader.SDES, c.packetType());
        SdesCursor sdes = new SdesCursor();
        assertTrue(sdes.reset(v, c.offset(), c.length()));
        assertTrue(sdes.next());
        assertEquals(0x2a3b4c5dL, sdes.ssrc());
        assertEquals(Sdes.CNAME, sdes.type());
        assertEquals("v5Yl8IDw3oEYn6XG",
                new String(v, sdes.valueOffset(), sdes.valueLength(), StandardCharsets.US_ASCII));
        assertFalse(sdes.next());
        assertFalse(c.next());

        byte[] out = new byte[64];
        int n = ReceiverReport.write(out, 0, 0x2a3b4c5dL, 1);
        ReportBlock.write(out, ReceiverReport.reportBlockOffset(0, 0), 0xdeadbeefL, 10, 5, 0x1ffffL, 32,
                0x12345678L, 65536);
        byte[] cname = "v5Yl8IDw3oEYn6XG".getBytes(StandardCharsets.US_ASCII);
        n += Sdes.writeCname(out, n, 0x2a3b4c5dL, cname, 0, cname.length);
        assertEquals(Hex.format(v, 0, v.length), Hex.format(out, 0, n));
    }

    @Test
    void senderReport() {
        byte[] v = RtcpVectors.SR;
        assertTrue(SenderReport.isValid(v, 0, v.length));
        assertEquals(0x11223344L, SenderReport.senderSsrc(v, 0));
        assertEquals(0xe8f4a5b680000000L, SenderReport.ntpTimestamp(v, 0));
        assertEquals(0xa5b68000L, SenderReport.ntpMiddle32(v, 0));
        assertEquals(12345678L, SenderReport.rtpTimestamp(v, 0));
        assertEquals(1000L, SenderReport.packetCount(v, 0));
        assertEquals(1_000_000L, SenderReport.octetCount(v, 0));
        assertEquals(0, SenderReport.reportCount(v, 0));
        byte[] out = new byte[28];
        assertEquals(28, SenderReport.write(out, 0, 0x11223344L, 0xe8f4a5b680000000L, 12345678L, 1000, 1_000_000, 0));
        assertArrayEquals(v, out);
    }

    @Test
    void nackAcrossTheWrap() {
        byte[] v = RtcpVectors.NACK_WRAP;
        assertTrue(Nack.isValid(v, 0, v.length));
        assertEquals(0x2a3b4c5dL, Feedback.senderSsrc(v, 0));
        assertEquals(0xdeadbeefL, Feedback.mediaSsrc(v, 0));
        assertEquals(1, Nack.entryCount(v.length));
        assertEquals(65534, Nack.pid(v, 0, 0));
        assertEquals(5, Nack.blp(v, 0, 0));
        int[] lost = new int[8];
        assertEquals(3, Nack.expand(v, 0, v.length, lost));
        assertArrayEquals(new int[] {65534, 65535, 1}, Arrays.copyOf(lost, 3));
        List<Integer> seen = new ArrayList<>();
        assertEquals(3, Nack.forEachLost(v, 0, v.length, seen::add));
        assertEquals(List.of(65534, 65535, 1), seen);

        byte[] out = new byte[32];
        int n = Nack.write(out, 4, 0x2a3b4c5dL, 0xdeadbeefL, new int[] {65534, 65535, 1}, 0, 3);
        assertEquals(16, n);
        assertEquals(Hex.format(v, 0, v.length), Hex.format(out, 4, n));
    }

    @Test
    void nackBuildsSeveralEntriesAndExpandsBack() {
        int[] seqs = {65530, 65534, 65535, 0, 9, 10, 100, 116, 117, 40000};
        byte[] out = new byte[Nack.maxLength(seqs.length)];
        int n = Nack.write(out, 0, 1, 2, seqs, 0, seqs.length);
        // entries: 65530 (+4..+16 covers 65534..10), 100 (+16 = 116), 117, 40000
        assertEquals(12 + 4 * 4, n);
        assertEquals(65530, Nack.pid(out, 0, 0));
        assertEquals(100, Nack.pid(out, 0, 1));
        assertEquals(117, Nack.pid(out, 0, 2));
        assertEquals(40000, Nack.pid(out, 0, 3));
        int[] back = new int[32];
        assertEquals(seqs.length, Nack.expand(out, 0, n, back));
        assertArrayEquals(seqs, Arrays.copyOf(back, seqs.length));
        int[] small = new int[2];
        assertEquals(seqs.length, Nack.expand(out, 0, n, small), "reports the full count");
        assertArrayEquals(new int[] {65530, 65534}, small);
    }

    @Test
    void compoundRrNack() {
        byte[] v = RtcpVectors.RR_NACK;
        RtcpCursor c = new RtcpCursor();
        assertTrue(c.reset(v, 0, v.length));
        assertTrue(c.next());
        assertTrue(ReceiverReport.isValid(v, c.offset(), c.length()));
        assertTrue(c.next());
        assertEquals(RtcpHeader.RTPFB, c.packetType());
        assertEquals(RtcpHeader.FMT_NACK, c.count());
        int[] lost = new int[8];
        assertEquals(5, Nack.expand(v, c.offset(), c.length(), lost));
        assertArrayEquals(new int[] {65534, 65535, 1, 100, 116}, Arrays.copyOf(lost, 5));
        assertFalse(c.next());
    }

    @Test
    void pliFirRemb() {
        byte[] out = new byte[32];
        assertTrue(Pli.isValid(RtcpVectors.PLI, 0, 12));
        assertEquals(0xdeadbeefL, Feedback.mediaSsrc(RtcpVectors.PLI, 0));
        assertEquals(12, Pli.write(out, 0, 0x2a3b4c5dL, 0xdeadbeefL));
        assertArrayEquals(RtcpVectors.PLI, Arrays.copyOf(out, 12));

        byte[] fir = RtcpVectors.FIR;
        assertTrue(Fir.isValid(fir, 0, fir.length));
        assertFalse(Pli.isValid(fir, 0, fir.length));
        assertEquals(1, Fir.entryCount(fir.length));
        assertEquals(0xdeadbeefL, Fir.ssrc(fir, 0, 0));
        assertEquals(7, Fir.sequenceNumber(fir, 0, 0));
        assertEquals(20, Fir.write(out, 0, 0x2a3b4c5dL, 0xdeadbeefL, 7));
        assertArrayEquals(fir, Arrays.copyOf(out, 20));

        byte[] remb = RtcpVectors.REMB;
        assertTrue(Remb.isValid(remb, 0, remb.length));
        assertEquals(1_000_000L, Remb.bitrate(remb, 0));
        assertEquals(1, Remb.ssrcCount(remb, 0));
        assertEquals(0xdeadbeefL, Remb.ssrc(remb, 0, 0));
        assertEquals(24, Remb.write(out, 0, 0x2a3b4c5dL, 1_000_000L, new long[] {0xdeadbeefL}, 0, 1));
        assertArrayEquals(remb, Arrays.copyOf(out, 24));
        Remb.write(out, 0, 1, 123_456_789L, new long[0], 0, 0);
        long rounded = Remb.bitrate(out, 0);
        assertTrue(rounded <= 123_456_789L && rounded > 123_456_789L - 1024, "rounded down: " + rounded);
    }

    @Test
    void byeAndApp() {
        byte[] bye = Hex.parse("""
                81 cb 0003   # BYE SC=1, length 3 (16 bytes)
                deadbeef     # SSRC
                05 6c65667421 0000  # reason length 5, "left!", 2 zero bytes to the word
                """);
        assertTrue(Bye.isValid(bye, 0, bye.length));
        assertEquals(1, Bye.ssrcCount(bye, 0));
        assertEquals(0xdeadbeefL, Bye.ssrc(bye, 0, 0));
        assertEquals("left!", new String(bye, Bye.reasonOffset(bye, 0, bye.length),
                Bye.reasonLength(bye, 0, bye.length), StandardCharsets.US_ASCII));
        byte[] out = new byte[8];
        assertEquals(8, Bye.write(out, 0, 0xdeadbeefL));
        assertEquals("81cb0001deadbeef", Hex.format(out, 0, 8));
        assertEquals(-1, Bye.reasonOffset(out, 0, 8));

        byte[] app = Hex.parse("""
                83 cc 0003   # APP subtype 3, length 3 (16 bytes)
                deadbeef     # SSRC
                54455354     # name "TEST"
                01020304     # data
                """);
        assertTrue(App.isValid(app, 0, app.length));
        assertEquals(3, App.subtype(app, 0));
        assertEquals(0xdeadbeefL, App.ssrc(app, 0));
        assertEquals(0x54455354, App.name(app, 0));
        assertEquals(12, App.dataOffset(0));
        assertEquals(4, App.dataLength(app, 0, app.length));
    }

    @Test
    void twccAcrossTheWrap() {
        byte[] v = RtcpVectors.TWCC_WRAP;
        RtcpCursor c = new RtcpCursor();
        assertTrue(c.reset(v, 0, v.length));
        assertTrue(c.next());
        TransportCcReader r = new TransportCcReader();
        assertTrue(r.reset(v, c.offset(), c.length()));
        assertEquals(65533, r.baseSequenceNumber());
        assertEquals(6, r.statusCount());
        assertEquals(258, r.referenceTime());
        assertEquals(5, r.feedbackCount());
        assertEquals(0xdeadbeefL, r.mediaSsrc());
        int[] seq = {65533, 65534, 65535, 0, 1, 2};
        boolean[] recv = {true, false, true, true, true, false};
        int[] delta = {4, 0, 16, -1, 255, 0};
        long t = 258L * 64_000;
        for (int i = 0; i < 6; i++) {
            assertTrue(r.next());
            assertEquals(seq[i], r.sequenceNumber());
            assertEquals(recv[i], r.received());
            assertEquals(delta[i], r.deltaTicks());
            t += delta[i] * 250L;
            assertEquals(t, r.arrivalTimeUs());
        }
        assertFalse(r.next());

        TransportCcWriter w = new TransportCcWriter(64);
        w.reset(0x2a3b4c5dL, 0xdeadbeefL, 65533, 258, 5);
        for (int i = 0; i < 6; i++) {
            assertTrue(recv[i] ? w.addReceived(delta[i]) : w.addLost());
        }
        byte[] out = new byte[64];
        int n = w.write(out, 0);
        assertEquals(Hex.format(v, 0, v.length), Hex.format(out, 0, n));
    }

    @Test
    void twccRunLengthAndOneBitVector() {
        byte[] v = RtcpVectors.TWCC_RUN;
        TransportCcReader r = new TransportCcReader();
        assertTrue(r.reset(v, 0, v.length));
        assertEquals(-2, r.referenceTime());
        TransportCcWriter w = new TransportCcWriter(64);
        w.reset(0x2a3b4c5dL, 0xdeadbeefL, 100, -2, 0);
        int received = 0;
        for (int i = 0; i < 17; i++) {
            assertTrue(r.next());
            assertEquals(100 + i, r.sequenceNumber());
            boolean expectRecv = i < 14 || i == 15;
            assertEquals(expectRecv, r.received(), "packet " + (100 + i));
            assertEquals(i < 14 ? 1 : 0, r.deltaTicks());
            if (r.received()) {
                received++;
                w.addReceived(r.deltaTicks());
            } else {
                w.addLost();
            }
        }
        assertFalse(r.next());
        assertEquals(15, received);
        byte[] out = new byte[64];
        int n = w.write(out, 0);
        byte[] expected = v.clone();
        expected[0] |= 0x20;                 // the writer uses RFC 3550 padding (P bit) ...
        expected[expected.length - 1] = 1;   // ... with the count in the last byte
        assertEquals(Hex.format(expected, 0, expected.length), Hex.format(out, 0, n));
    }

    @Test
    void twccWriterRefusesWhatDoesNotFit() {
        TransportCcWriter w = new TransportCcWriter(2);
        w.reset(1, 2, 0, 0, 0);
        assertFalse(w.addReceived(40_000), "delta beyond 16 signed bits");
        assertTrue(w.addReceived(-300));
        assertTrue(w.addLost());
        assertFalse(w.addLost(), "full");
        byte[] out = new byte[32];
        int n = w.write(out, 0);
        TransportCcReader r = new TransportCcReader();
        assertTrue(r.reset(out, 0, n));
        assertTrue(r.next());
        assertEquals(-300, r.deltaTicks());
        assertTrue(r.next());
        assertFalse(r.received());
    }

    @Test
    void twccWriterFromArrivalTimes() {
        long[] arrivalUs = {1_000_123, 1_001_000, -1, 1_000_900, 1_070_000};
        TransportCcWriter w = new TransportCcWriter(16);
        w.resetAt(1, 2, 65535, arrivalUs[0], 9);
        for (long t : arrivalUs) {
            assertTrue(t < 0 ? w.addLost() : w.addReceivedAt(t));
        }
        byte[] out = new byte[64];
        int n = w.write(out, 0);
        TransportCcReader r = new TransportCcReader();
        assertTrue(r.reset(out, 0, n));
        assertEquals(1_000_123 / 64_000, r.referenceTime());
        assertEquals(9, r.feedbackCount());
        for (long t : arrivalUs) {
            assertTrue(r.next());
            assertEquals(t >= 0, r.received());
            if (t >= 0) {
                assertTrue(Math.abs(r.arrivalTimeUs() - t) <= 125, t + " vs " + r.arrivalTimeUs());
            }
        }
        assertEquals(3, r.sequenceNumber(), "65535 + 4 wraps to 3");
    }
}
