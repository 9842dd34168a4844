package io.junction.rtp.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzz test of every RTCP parser: {@link RtcpCursor} over the compound, then
 * SR/RR with their report blocks, SDES ({@link SdesCursor}), BYE, APP, NACK, PLI, FIR, REMB
 * and transport-wide CC ({@link TransportCcReader}) on each packet it yields, and on the raw
 * window too (a length that lies about the bytes, as a caller skipping the cursor would pass).
 *
 * <p>Property: no exception, and every offset a parser hands out stays inside the packet.
 */
class RtcpFuzzTest {

    @FuzzTest
    void parseCompound(byte[] input) {
        RtcpCursor c = new RtcpCursor();
        assertFalse(c.reset(input, 0, input.length + 1), "a window past the array is rejected");
        if (c.reset(input, 0, input.length)) {
            int total = 0;
            while (c.next()) {
                assertTrue(c.length() >= RtcpHeader.LENGTH && c.offset() + c.length() <= input.length);
                assertTrue(c.lengthWithoutPadding() >= RtcpHeader.LENGTH);
                c.packetType();
                c.count();
                total += c.length();
                parsePacket(input, c.offset(), c.length());
            }
            assertEquals(input.length, total, "the packets tile the compound");
        } else {
            assertNotEquals(RtcpCursor.Invalid.NONE, c.reason());
        }
        if (input.length > 0) {
            parsePacket(input, 0, input.length);
            parsePacket(input, 1, input.length - 1);
        }
    }

    /** Runs every packet parser over the window {@code [off, off + len)} of {@code b}. */
    static void parsePacket(byte[] b, int off, int len) {
        Window w = new Window(off, len);
        if (SenderReport.isValid(b, off, len)) {
            w.check(off, SenderReport.FIXED_LENGTH);
            SenderReport.ntpTimestamp(b, off);
            SenderReport.ntpMiddle32(b, off);
            SenderReport.rtpTimestamp(b, off);
            SenderReport.packetCount(b, off);
            SenderReport.octetCount(b, off);
            for (int i = 0; i < SenderReport.reportCount(b, off); i++) {
                readBlock(b, w, SenderReport.reportBlockOffset(off, i));
            }
        }
        if (ReceiverReport.isValid(b, off, len)) {
            ReceiverReport.senderSsrc(b, off);
            for (int i = 0; i < ReceiverReport.reportCount(b, off); i++) {
                readBlock(b, w, ReceiverReport.reportBlockOffset(off, i));
            }
        }
        SdesCursor sdes = new SdesCursor();
        if (sdes.reset(b, off, len)) {
            while (sdes.next()) {
                sdes.ssrc();
                sdes.type();
                w.check(sdes.valueOffset(), sdes.valueLength());
            }
        }
        if (Bye.isValid(b, off, len)) {
            for (int i = 0; i < Bye.ssrcCount(b, off); i++) {
                w.check(off + 4 + 4 * i, 4);
                Bye.ssrc(b, off, i);
            }
            int r = Bye.reasonOffset(b, off, len);
            if (r >= 0) {
                w.check(r, Bye.reasonLength(b, off, len));
            }
        }
        if (App.isValid(b, off, len)) {
            App.subtype(b, off);
            App.ssrc(b, off);
            App.name(b, off);
            w.check(App.dataOffset(off), App.dataLength(b, off, len));
        }
        if (Nack.isValid(b, off, len)) {
            Feedback.senderSsrc(b, off);
            Feedback.mediaSsrc(b, off);
            int n = Nack.expand(b, off, len, new int[8]);
            int[] seen = {0};
            assertEquals(n, Nack.forEachLost(b, off, len, seq -> {
                assertTrue(seq >= 0 && seq <= 0xFFFF);
                seen[0]++;
            }));
            assertEquals(n, seen[0]);
        }
        if (Pli.isValid(b, off, len)) {
            Feedback.fmt(b, off);
            Feedback.mediaSsrc(b, off);
        }
        if (Fir.isValid(b, off, len)) {
            for (int i = 0; i < Fir.entryCount(len); i++) {
                w.check(off + Feedback.FIXED_LENGTH + 8 * i, 8);
                Fir.ssrc(b, off, i);
                Fir.sequenceNumber(b, off, i);
            }
        }
        if (Remb.isValid(b, off, len)) {
            assertTrue(Remb.bitrate(b, off) >= 0);
            for (int i = 0; i < Remb.ssrcCount(b, off); i++) {
                Remb.ssrc(b, off, i);
            }
        }
        TransportCcReader twcc = new TransportCcReader();
        if (twcc.reset(b, off, len)) {
            twcc.baseSequenceNumber();
            twcc.referenceTime();
            twcc.feedbackCount();
            twcc.senderSsrc();
            twcc.mediaSsrc();
            int packets = 0;
            while (twcc.next()) {
                packets++;
                twcc.sequenceNumber();
                twcc.status();
                if (twcc.received()) {
                    twcc.deltaTicks();
                    twcc.arrivalTimeUs();
                }
            }
            assertEquals(twcc.statusCount(), packets, "one step per reported packet");
        }
    }

    private static void readBlock(byte[] b, Window w, int at) {
        w.check(at, ReportBlock.LENGTH);
        ReportBlock.ssrc(b, at);
        ReportBlock.fractionLost(b, at);
        ReportBlock.cumulativeLost(b, at);
        ReportBlock.extendedHighestSeq(b, at);
        ReportBlock.jitter(b, at);
        ReportBlock.lastSr(b, at);
        ReportBlock.delaySinceLastSr(b, at);
    }

    /** The bytes a parser was given: anything it points at must lie inside. */
    private record Window(int off, int len) {
        void check(int at, int n) {
            assertTrue(n >= 0 && at >= off && at + n <= off + len,
                    () -> "[" + at + ", +" + n + ") outside the packet [" + off + ", +" + len + ")");
        }
    }
}
