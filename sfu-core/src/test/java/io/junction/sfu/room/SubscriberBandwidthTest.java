package io.junction.sfu.room;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.junction.rtp.BufferPool;
import io.junction.rtp.HeaderExtensions;
import io.junction.rtp.PacketBuffer;
import io.junction.rtp.RtpHeader;
import io.junction.rtp.RtpPacket;
import io.junction.rtp.rtcp.Remb;
import io.junction.rtp.rtcp.TransportCcWriter;
import io.junction.sfu.bwe.BweOptions;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Transport-wide sequence numbers on what a participant receives, and its feedback and REMB
 * reaching the estimate: the element reused, appended, or refused; broken feedback counted.
 */
class SubscriberBandwidthTest {
    private static final int ID = 3;

    private final List<byte[]> sent = new ArrayList<>();
    private final MediaSender capture = new MediaSender() {
        @Override
        public void sendRtp(byte[] buf, int off, int len) {
            sent.add(Arrays.copyOfRange(buf, off, off + len));
        }

        @Override
        public void sendRtcp(byte[] buf, int off, int len) {
        }
    };
    private long nowUs = 1_000_000;
    private final BufferPool pool = new BufferPool(64);

    /** A packet with the given one-byte extension elements ({id, value...} each), payload "abcd". */
    private PacketBuffer packet(int seq, int[]... elements) {
        PacketBuffer p = pool.acquire();
        byte[] b = p.array();
        int off = p.offset();
        int at = off + RtpHeader.writeFixedHeader(b, off, false, 96, seq, 1000, 0x1234);
        if (elements.length > 0) {
            b[off] |= 0x10;
            int start = at + 4;
            int pos = start;
            for (int[] e : elements) {
                b[pos++] = (byte) (e[0] << 4 | (e.length - 2));
                for (int i = 1; i < e.length; i++) {
                    b[pos++] = (byte) e[i];
                }
            }
            int words = (pos - start + 3) / 4;
            while (pos < start + 4 * words) {
                b[pos++] = 0;
            }
            b[at] = (byte) 0xBE;
            b[at + 1] = (byte) 0xDE;
            b[at + 2] = 0;
            b[at + 3] = (byte) words;
            at = pos;
        }
        for (char c : "abcd".toCharArray()) {
            b[at++] = (byte) c;
        }
        p.setLength(at - off);
        return p;
    }

    private static int twSeq(byte[] pkt) {
        RtpPacket v = new RtpPacket();
        assertTrue(v.wrap(pkt, 0, pkt.length));
        int at = HeaderExtensions.find(v, ID);
        assertTrue(at >= 0, "stamped");
        assertEquals(2, HeaderExtensions.valueLength(v, at));
        return ((pkt[at] & 0xFF) << 8) | (pkt[at + 1] & 0xFF);
    }

    private static byte[] payload(byte[] pkt) {
        RtpPacket v = new RtpPacket();
        assertTrue(v.wrap(pkt, 0, pkt.length));
        return Arrays.copyOfRange(pkt, v.payloadOffset(), v.payloadOffset() + v.payloadLength());
    }

    @Test
    void stampsTheExistingElementAppendsOneOrCreatesTheBlock() {
        SubscriberBandwidth bwe = new SubscriberBandwidth(capture, () -> nowUs, BweOptions.defaults());
        bwe.setExtensionId(ID);
        PacketBuffer a = packet(1, new int[] {ID, 0xAA, 0xBB});
        int lenA = a.length();
        bwe.sendRtp(a);
        PacketBuffer b = packet(2);
        bwe.sendRtp(b);
        PacketBuffer c = packet(3, new int[] {1, 0x7F});
        bwe.sendRtp(c);
        assertEquals(3, sent.size());
        assertEquals(lenA, sent.get(0).length, "the element's slot was reused: no growth");
        assertEquals(0, twSeq(sent.get(0)));
        assertEquals(1, twSeq(sent.get(1)));
        assertEquals(2, twSeq(sent.get(2)));
        for (byte[] s : sent) {
            assertArrayEquals("abcd".getBytes(), payload(s), "payload untouched");
        }
        RtpPacket v = new RtpPacket();
        v.wrap(sent.get(2), 0, sent.get(2).length);
        assertTrue(HeaderExtensions.find(v, 1) >= 0, "the other element kept");
        assertEquals(3, bwe.stamped());
        assertEquals(0, bwe.unstamped());
        a.release();
        b.release();
        c.release();
        assertEquals(0, pool.outstanding());
    }

    @Test
    void withoutANegotiatedIdNothingIsStamped() {
        SubscriberBandwidth bwe = new SubscriberBandwidth(capture, () -> nowUs, BweOptions.defaults());
        PacketBuffer a = packet(1);
        byte[] before = Arrays.copyOfRange(a.array(), a.offset(), a.offset() + a.length());
        bwe.sendRtp(a);
        assertArrayEquals(before, sent.get(0));
        assertEquals(0, bwe.stamped());
        a.release();
    }

    @Test
    void aMalformedElementUnderTheIdIsLeftAloneAndCounted() {
        SubscriberBandwidth bwe = new SubscriberBandwidth(capture, () -> nowUs, BweOptions.defaults());
        bwe.setExtensionId(ID);
        PacketBuffer a = packet(1, new int[] {ID, 0x55}); // one byte, not two
        byte[] before = Arrays.copyOfRange(a.array(), a.offset(), a.offset() + a.length());
        bwe.sendRtp(a);
        assertArrayEquals(before, sent.get(0));
        assertEquals(1, bwe.unstamped());
        a.release();
    }

    @Test
    void feedbackAndRembReachTheEstimateThroughTheRtcpHandler() {
        ParticipantMedia media = new ParticipantMedia("p", capture, 1, () -> nowUs, BweOptions.defaults());
        media.bandwidth().setExtensionId(ID);
        assertEquals(-1, media.bandwidth().estimateBps(), "nothing measured yet");
        for (int i = 0; i < 20; i++) {
            PacketBuffer p = packet(i);
            media.sender().sendRtp(p);
            p.release();
            nowUs += 5_000;
        }
        TransportCcWriter w = new TransportCcWriter(64);
        w.resetAt(1, 2, 0, 10_000_000, 0);
        for (int i = 0; i < 20; i++) {
            assertTrue(i == 7 ? w.addLost() : w.addReceivedAt(10_000_000 + i * 5_000L));
        }
        byte[] fb = new byte[1500];
        int len = w.write(fb, 0);
        rtcp(media, fb, len);
        assertEquals(1, media.bandwidth().feedbacksReceived());
        assertEquals(0, media.bandwidth().estimator().matcher().unknown(), "every number was one we sent");
        assertTrue(media.bandwidth().estimateBps() > 0);

        rtcp(media, fb, 19); // truncated: not even a feedback header
        assertEquals(1, media.bandwidth().feedbacksReceived());
        assertEquals(0, media.bandwidth().invalidFeedback(), "a broken compound is the RTCP handler's to count");
        byte[] bad = Arrays.copyOf(fb, 20);
        bad[0] &= ~0x20; // no padding
        bad[3] = 4; // 5 words = 20 bytes, but the status count needs chunks
        bad[14] = 0;
        bad[15] = 5; // five statuses, no chunk
        rtcp(media, bad, 20);
        assertEquals(1, media.bandwidth().invalidFeedback(), "a feedback without its chunks is counted, not used");

        ParticipantMedia remb = new ParticipantMedia("q", capture, 1, () -> nowUs, BweOptions.defaults());
        byte[] r = new byte[64];
        int rl = Remb.write(r, 0, 5, 777_000, new long[] {9}, 0, 1);
        rtcp(remb, r, rl);
        assertEquals(1, remb.bandwidth().rembsReceived());
        assertEquals(777_000, remb.bandwidth().estimateBps(), "REMB is the estimate without transport-wide feedback");
    }

    private void rtcp(ParticipantMedia m, byte[] b, int len) {
        PacketBuffer p = pool.acquire();
        p.copyFrom(b, 0, len);
        m.onRtcp(p, nowUs / 1000, 0);
    }

    @Test
    void stampingAllocatesNothingPerPacket() {
        SubscriberBandwidth bwe = new SubscriberBandwidth(capture(), () -> nowUs, BweOptions.defaults());
        bwe.setExtensionId(ID);
        PacketBuffer template = packet(7, new int[] {1, 0x10});
        byte[] bytes = Arrays.copyOfRange(template.array(), template.offset(), template.offset() + template.length());
        template.release();
        PacketBuffer p = pool.acquire();
        for (int round = 0; round < 2; round++) {
            com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long before = mx.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100_000; i++) {
                p.reset();
                p.copyFrom(bytes, 0, bytes.length); // the element is appended: the header grows each time
                nowUs += 100;
                bwe.sendRtp(p);
            }
            long allocated = mx.getCurrentThreadAllocatedBytes() - before;
            if (round == 1) {
                assertTrue(allocated < 8 * 1024, "allocated " + allocated + " bytes over 100k packets");
            }
        }
        p.release();
        assertFalse(bwe.stamped() < 200_000);
    }

    private static MediaSender capture() {
        return new MediaSender() {
            @Override
            public void sendRtp(byte[] buf, int off, int len) {
            }

            @Override
            public void sendRtcp(byte[] buf, int off, int len) {
            }
        };
    }
}
