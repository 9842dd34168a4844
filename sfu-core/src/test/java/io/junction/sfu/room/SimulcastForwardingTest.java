package io.junction.sfu.room;

import io.junction.rtp.BufferPool;
import io.junction.rtp.PacketBuffer;
import io.junction.rtp.RtpHeader;
import io.junction.rtp.RtpPacket;
import io.junction.rtp.rtcp.Feedback;
import io.junction.rtp.rtcp.RtcpCursor;
import io.junction.rtp.rtcp.RtcpHeader;
import io.junction.sfu.alloc.SubscriptionDemand;
import io.junction.sfu.forward.Vp8Keyframe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A scripted three-layer rid simulcast publisher (q 180p, h 360p, f 720p; VP8 with PictureID and
 * TL0PICIDX; RID/MID extensions on each stream's first packets) through a room's receive path
 * into one subscription: the SSRCs are learned, the top layer is forwarded first, a preference
 * switches layers at a keyframe of the target layer only (PLI toward that layer only), and the
 * subscriber sees one continuous stream (seq, timestamp, PictureID); NACKs are answered from the
 * right layer's store.
 */
class SimulcastForwardingTest {
    private static final int MID_ID = 4;
    private static final int RID_ID = 10;
    private static final int RRID_ID = 11;
    private static final long[] SSRC = {100, 200, 300};
    private static final String[] RID = {"q", "h", "f"};
    private static final int[] HEIGHT = {180, 360, 720};

    /** Records what is sent (copies). */
    private static final class Recorder implements MediaSender {
        final List<byte[]> rtp = new ArrayList<>();
        final List<byte[]> rtcp = new ArrayList<>();

        @Override
        public void sendRtp(byte[] buf, int off, int len) {
            rtp.add(java.util.Arrays.copyOfRange(buf, off, off + len));
        }

        @Override
        public void sendRtcp(byte[] buf, int off, int len) {
            rtcp.add(java.util.Arrays.copyOfRange(buf, off, off + len));
        }
    }

    private BufferPool pool;
    private Recorder pub;
    private Recorder sub;
    private ParticipantMedia publisher;
    private PublishedTrack track;
    private Subscription s;
    private final int[] seq = {1000, 20000, 65500};
    private final long[] ts = {10_000, 5_000_000, 4_294_000_000L};
    private final int[] pic = {10, 3000, 32760};
    private final int[] tl0 = {1, 100, 250};
    private final int[] sent = new int[3];
    private final boolean[] keyNext = {true, true, true};
    private long now;

    @BeforeEach
    void setUp() {
        pool = new BufferPool(2048);
        pub = new Recorder();
        sub = new Recorder();
        publisher = new ParticipantMedia("p1", pub, 1234);
        List<LayerSource> layers = List.of(new LayerSource("q", -1, -1, -1), new LayerSource("h", -1, -1, -1),
                new LayerSource("f", -1, -1, -1));
        TrackSource src = new TrackSource("p1/1", "p1", "t", "video", "VP8", 90000, 96, 97, -1, -1, false, layers);
        track = new PublishedTrack(src, pub, 1234, RoomOptions.defaults());
        track.setStreamIdExtensionIds(MID_ID, RID_ID, RRID_ID);
        MediaGraph graph = new MediaGraph();
        graph.publish(publisher, track);
        ParticipantMedia subscriber = new ParticipantMedia("p2", sub, 5678);
        s = new Subscription(track, sub, pool, new Subscription.Output(7000, 7001, 100, 101, new byte[256]), 3);
        graph.subscribe(subscriber, s);
        s.activate(0);
    }

    /** One frame of every layer (2 packets each), then the publisher reacts to PLIs and the room ticks. */
    private void frame() {
        now += 33;
        for (int l = 0; l < 3; l++) {
            boolean key = keyNext[l];
            keyNext[l] = false;
            for (int i = 0; i < 2; i++) {
                PacketBuffer p = pool.acquire();
                p.setLength(write(p.array(), p.offset(), l, i == 0, i == 1, key, sent[l] < 4));
                sent[l]++;
                seq[l] = (seq[l] + 1) & 0xFFFF;
                publisher.onRtp(p, now);
            }
            ts[l] = (ts[l] + 2970) & 0xFFFFFFFFL;
            pic[l] = (pic[l] + 1) & 0x7FFF;
            tl0[l] = (tl0[l] + 1) & 0xFF;
        }
        int before = pub.rtcp.size();
        track.tick(now);
        for (int i = before; i < pub.rtcp.size(); i++) {
            byte[] r = pub.rtcp.get(i);
            RtcpCursor c = new RtcpCursor();
            c.reset(r, 0, r.length);
            while (c.next()) {
                if (c.packetType() == RtcpHeader.PSFB && Feedback.fmt(r, c.offset()) == RtcpHeader.FMT_PLI) {
                    long media = Feedback.mediaSsrc(r, c.offset());
                    plis.add(media);
                    for (int l = 0; l < 3; l++) {
                        keyNext[l] |= SSRC[l] == media;
                    }
                }
            }
        }
    }

    private final List<Long> plis = new ArrayList<>();

    /** RTP with MID/RID extensions (when {@code ids}), then VP8 descriptor, frame header and a (layer, seq) tag. */
    private int write(byte[] b, int off, int l, boolean start, boolean marker, boolean key, boolean ids) {
        int p = off + RtpHeader.writeFixedHeader(b, off, marker, 96, seq[l], ts[l], SSRC[l]);
        if (ids) {
            b[off] |= 0x10;
            b[p] = (byte) 0xBE;
            b[p + 1] = (byte) 0xDE;
            b[p + 2] = 0;
            b[p + 3] = 1; // one word: mid "1" (2 bytes) + rid (2 bytes)
            b[p + 4] = (byte) (MID_ID << 4); // length 1
            b[p + 5] = '1';
            b[p + 6] = (byte) (RID_ID << 4);
            b[p + 7] = (byte) RID[l].charAt(0);
            p += 8;
        }
        b[p++] = (byte) (start ? 0x90 : 0x80); // X, S, PID 0
        b[p++] = (byte) 0xC0;                  // I, L
        b[p++] = (byte) (0x80 | pic[l] >> 8);
        b[p++] = (byte) pic[l];
        b[p++] = (byte) tl0[l];
        if (start) {
            b[p++] = (byte) (key ? 0x10 : 0x11);
            b[p++] = 0;
            b[p++] = 0;
            if (key) {
                b[p++] = (byte) 0x9d;
                b[p++] = 0x01;
                b[p++] = 0x2a;
                b[p++] = (byte) (HEIGHT[l] * 16 / 9);
                b[p++] = (byte) (HEIGHT[l] * 16 / 9 >> 8);
                b[p++] = (byte) HEIGHT[l];
                b[p++] = (byte) (HEIGHT[l] >> 8);
            }
        }
        b[p++] = (byte) l;
        b[p++] = (byte) (seq[l] >> 8);
        b[p++] = (byte) seq[l];
        for (int i = 0; i < 40; i++) {
            b[p++] = (byte) i;
        }
        return p - off;
    }

    private record Out(int seq, long ts, int layer, boolean keyframe, int pic, int tl0, boolean start) {
    }

    private static Out parse(byte[] b) {
        RtpPacket v = new RtpPacket();
        assertTrue(v.wrap(b, 0, b.length));
        int o = v.payloadOffset();
        boolean start = (b[o] & 0x10) != 0;
        int tagAt = o + 5 + (start ? 3 : 0) + (start && (b[o + 5] & 1) == 0 ? 7 : 0);
        return new Out(v.sequenceNumber(), v.timestamp(), b[tagAt], Vp8Keyframe.isKeyframe(b, o, v.payloadLength()),
                ((b[o + 2] & 0x7F) << 8) | (b[o + 3] & 0xFF), b[o + 4] & 0xFF, start);
    }

    private List<Out> outputs(int from) {
        List<Out> out = new ArrayList<>();
        for (int i = from; i < sub.rtp.size(); i++) {
            if (RtpHeader.ssrc(sub.rtp.get(i), 0) == 7000) { // media, not the RTX answers
                out.add(parse(sub.rtp.get(i)));
            }
        }
        return out;
    }

    /** Continuous seq, PictureID +1 per frame, TL0PICIDX +1 per frame, timestamps going forward. */
    private static void assertContinuous(List<Out> out) {
        for (int i = 1; i < out.size(); i++) {
            Out a = out.get(i - 1);
            Out b = out.get(i);
            assertEquals((a.seq + 1) & 0xFFFF, b.seq, "seq continuous at output " + i);
            long dts = (b.ts - a.ts) & 0xFFFFFFFFL;
            if (b.start) {
                assertEquals((a.pic + 1) & 0x7FFF, b.pic, "PictureID continuous at output " + i);
                assertEquals((a.tl0 + 1) & 0xFF, b.tl0, "TL0PICIDX continuous at output " + i);
                assertTrue(dts > 0 && dts <= 90 * 300, "timestamp step (wall time elapsed, a pause included) " + dts + " at output " + i);
            } else {
                assertEquals(a.pic, b.pic);
                assertEquals(0, dts);
            }
        }
    }

    @Test
    void learnsTheLayersForwardsTheTopOneAndSwitchesAtAKeyframeOfTheTargetOnly() {
        for (int i = 0; i < 10; i++) {
            frame();
        }
        assertEquals(3, publisher.learnedSsrcs(), "three SSRCs bound from their RIDs");
        assertEquals(0, publisher.unknownSsrcDrops());
        for (int l = 0; l < 3; l++) {
            assertEquals(SSRC[l], track.layer(l).ssrc());
            assertEquals(HEIGHT[l], track.layer(l).height(), "height from the VP8 keyframe");
            assertTrue(track.layer(l).isActive(now));
        }
        List<Out> first = outputs(0);
        assertFalse(first.isEmpty());
        assertTrue(first.get(0).keyframe(), "the first packet forwarded is a keyframe");
        for (Out o : first) {
            assertEquals(2, o.layer(), "no preference: the top layer");
        }
        assertContinuous(first);

        // prefer at most 360 lines: h, from its next keyframe on
        int mark = sub.rtp.size();
        int plisBefore = plis.size();
        keyNext[1] = false;
        s.setPreference(360, false, now);
        assertEquals(1, s.targetLayer());
        frame(); // f still flows while h's keyframe is requested
        List<Out> during = outputs(mark);
        assertEquals(2, during.size());
        assertEquals(2, during.get(0).layer(), "the current layer keeps flowing until the switch");
        assertTrue(plis.size() > plisBefore);
        for (long m : plis.subList(plisBefore, plis.size())) {
            assertEquals(SSRC[1], m, "PLI goes to the target layer only");
        }
        for (int i = 0; i < 5; i++) {
            frame();
        }
        List<Out> after = outputs(mark);
        int firstH = -1;
        for (int i = 0; i < after.size(); i++) {
            if (after.get(i).layer() == 1) {
                firstH = i;
                break;
            }
        }
        assertTrue(firstH > 0, "switched to h");
        assertTrue(after.get(firstH).keyframe(), "the first packet of the new layer is its keyframe");
        for (int i = firstH; i < after.size(); i++) {
            assertEquals(1, after.get(i).layer(), "no packet of the old layer after the switch");
        }
        List<Out> all = outputs(0);
        assertContinuous(all);
        assertEquals(1, s.currentLayer());
        assertEquals(720, HEIGHT[2]);

        // NACK: one output seq from before the switch (layer f), one after (layer h), over RTX
        Out oldOut = all.get(2);
        Out newOut = all.get(all.size() - 1);
        int rtxFrom = sub.rtp.size();
        s.beginNack();
        s.onNack(oldOut.seq(), now + 1);
        s.onNack(newOut.seq(), now + 1);
        assertEquals(2, sub.rtp.size() - rtxFrom, "both answered");
        for (int i = 0; i < 2; i++) {
            byte[] rtx = sub.rtp.get(rtxFrom + i);
            RtpPacket v = new RtpPacket();
            assertTrue(v.wrap(rtx, 0, rtx.length));
            assertEquals(7001, v.ssrc());
            assertEquals(101, v.payloadType());
            int osn = ((rtx[v.payloadOffset()] & 0xFF) << 8) | (rtx[v.payloadOffset() + 1] & 0xFF);
            Out orig = i == 0 ? oldOut : newOut;
            assertEquals(orig.seq(), osn);
            int o = v.payloadOffset() + 2;
            int pid = ((rtx[o + 2] & 0x7F) << 8) | (rtx[o + 3] & 0xFF);
            assertEquals(orig.pic(), pid, "the retransmission carries the rewritten PictureID");
            assertEquals(orig.tl0(), rtx[o + 4] & 0xFF);
            boolean start = (rtx[o] & 0x10) != 0;
            int tagAt = o + 5 + (start ? 3 : 0) + (start && (rtx[o + 5] & 1) == 0 ? 7 : 0);
            assertEquals(orig.layer(), rtx[tagAt], "from the right layer's store");
        }

        // pause: nothing; resume: a keyframe first, still continuous
        s.setPreference(SubscriptionDemand.NO_LIMIT, true, now);
        int paused = sub.rtp.size();
        frame();
        frame();
        assertEquals(paused, sub.rtp.size(), "paused: nothing forwarded");
        s.setPreference(SubscriptionDemand.NO_LIMIT, false, now);
        for (int i = 0; i < 6; i++) {
            frame();
        }
        List<Out> resumed = outputs(paused);
        assertTrue(resumed.get(0).keyframe());
        assertEquals(2, resumed.get(resumed.size() - 1).layer(), "no limit: back to the top layer");
        assertContinuous(outputs(0));
        track.close();
    }

    @Test
    void theSwitchTimestampFollowsCaptureTimeFromSenderReports() {
        for (int i = 0; i < 6; i++) {
            frame();
        }
        // every layer's sender report for one instant: the capture of the next frame
        long ntp = 0xE1A0_0000_0000_0000L >>> 1;
        for (int l = 0; l < 3; l++) {
            PacketBuffer p = pool.acquire();
            p.setLength(io.junction.rtp.rtcp.SenderReport.write(p.array(), p.offset(), SSRC[l], ntp, ts[l], 10, 1000, 0));
            publisher.onRtcp(p, now, 0);
        }
        keyNext[1] = false;
        s.setPreference(360, false, now);
        frame(); // the last frame of f; the PLI for h goes out
        now += 700; // the network held the next frame back for 0.7 s
        frame(); // h's keyframe: the switch
        frame();
        List<Out> all = outputs(0);
        int k = 0;
        while (all.get(k).layer() != 1) {
            k++;
        }
        assertEquals(2, all.get(k - 1).layer());
        assertEquals(2970, (all.get(k).ts() - all.get(k - 1).ts()) & 0xFFFFFFFFL,
                "one frame interval of capture time, not the 733 ms arrival gap");
        assertContinuous(all);
        track.close();
    }

    @Test
    void rtxStreamsAreLearnedFromRepairedRidAndRestored() {
        for (int i = 0; i < 3; i++) {
            frame();
        }
        // an RTX packet of layer f: repaired-rid "f", OSN = a stored seq of f
        int storedSeq = (seq[2] - 1) & 0xFFFF;
        PacketBuffer p = pool.acquire();
        byte[] b = p.array();
        int off = p.offset();
        int at = off + RtpHeader.writeFixedHeader(b, off, false, 97, 77, ts[2], 301);
        b[off] |= 0x10;
        b[at] = (byte) 0xBE;
        b[at + 1] = (byte) 0xDE;
        b[at + 2] = 0;
        b[at + 3] = 1;
        b[at + 4] = (byte) (RRID_ID << 4);
        b[at + 5] = 'f';
        b[at + 6] = 0;
        b[at + 7] = 0;
        at += 8;
        b[at++] = (byte) (storedSeq >> 8);
        b[at++] = (byte) storedSeq;
        b[at++] = (byte) 0x80;
        b[at++] = (byte) 0xC0;
        b[at++] = 0;
        b[at++] = 0;
        b[at++] = 0;
        p.setLength(at - off);
        long restoredBefore = track.layer(2).packetsIn();
        publisher.onRtp(p, now);
        assertEquals(301, track.layer(2).rtxSsrc());
        assertEquals(restoredBefore + 1, track.layer(2).packetsIn(), "restored and handled as layer f");
        assertEquals(0, publisher.unknownSsrcDrops());
        track.close();
    }

    @Test
    void packetsNamingNoLayerOfTheSectionAreCountedDrops() {
        byte[][] ext = {
                {(byte) (RID_ID << 4), 'z', 0, 0},                            // unknown rid
                {(byte) (MID_ID << 4), '9', (byte) (RID_ID << 4), 'q'},       // rid q, but another section's mid
                {(byte) (RID_ID << 4), '!', 0, 0},                            // malformed rid (RFC 8852 §3.1)
                {(byte) (RID_ID << 4 | 3), 'q', 0, 0},                        // element longer than the block
                {0, 0, 0, 0},                                                  // padding only
        };
        for (int i = 0; i < ext.length; i++) {
            PacketBuffer p = pool.acquire();
            byte[] b = p.array();
            int off = p.offset();
            int at = off + RtpHeader.writeFixedHeader(b, off, false, 96, 1, 1, 900 + i);
            b[off] |= 0x10;
            b[at] = (byte) 0xBE;
            b[at + 1] = (byte) 0xDE;
            b[at + 2] = 0;
            b[at + 3] = 1;
            System.arraycopy(ext[i], 0, b, at + 4, 4);
            b[at + 8] = 0x10;
            p.setLength(at + 9 - off);
            publisher.onRtp(p, 0);
        }
        assertEquals(ext.length, publisher.unknownSsrcDrops());
        assertEquals(0, publisher.learnedSsrcs());
        for (int l = 0; l < 3; l++) {
            assertEquals(-1, track.layer(l).ssrc());
        }
        assertEquals(0, pool.outstanding(), "every dropped packet released");
        assertEquals("q", new String(new byte[]{'q'}, StandardCharsets.US_ASCII));
        track.close();
    }
}
