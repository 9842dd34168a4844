package io.junction.sfu.room;

import io.junction.rtp.BufferPool;
import io.junction.rtp.PacketBuffer;
import io.junction.rtp.RtpHeader;
import io.junction.rtp.RtpPacket;
import io.junction.rtp.rtcp.Feedback;
import io.junction.rtp.rtcp.RtcpCursor;
import io.junction.rtp.rtcp.RtcpHeader;
import io.junction.sfu.forward.Vp8Keyframe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scripted packet streams of two publishers (ann: VP8 ssrc 100 and opus ssrc 110; bob: VP8 ssrc
 * 200 and opus ssrc 210, each with its own seq, timestamp and PictureID numbering) through their
 * tracks into one subscriber's speaker-following outputs (video ssrc 7000, audio ssrc 7100): the
 * video switches to the new speaker only at its keyframe (a PLI goes to it, the old one flows
 * until then), audio at the next packet, and the subscriber sees one stream per kind with
 * continuous seq, forward timestamps and continuous PictureID / TL0PICIDX; NACKs are answered
 * from the right publisher's store; PLI from the subscriber reaches the source carried now.
 */
class FollowingOutputTest {
    private static final int ANN = 0;
    private static final int BOB = 1;
    private static final long[] VSSRC = {100, 200};
    private static final long[] ASSRC = {110, 210};

    private static final class Recorder implements MediaSender {
        final List<byte[]> rtp = new ArrayList<>();
        final List<byte[]> rtcp = new ArrayList<>();

        @Override
        public void sendRtp(byte[] buf, int off, int len) {
            rtp.add(Arrays.copyOfRange(buf, off, off + len));
        }

        @Override
        public void sendRtcp(byte[] buf, int off, int len) {
            rtcp.add(Arrays.copyOfRange(buf, off, off + len));
        }
    }

    private BufferPool pool;
    private final Recorder[] pubSender = {new Recorder(), new Recorder()};
    private final ParticipantMedia[] pub = new ParticipantMedia[2];
    private final PublishedTrack[] video = new PublishedTrack[2];
    private final PublishedTrack[] audio = new PublishedTrack[2];
    private Recorder sub;
    private ParticipantMedia subscriber;
    private MediaGraph graph;
    private FollowingOutput fv;
    private FollowingOutput fa;
    private final int[] seq = {1000, 65530};
    private final long[] ts = {10_000, 4_294_960_000L};
    private final int[] pic = {10, 32765};
    private final int[] tl0 = {1, 254};
    private final int[] aseq = {500, 40000};
    private final long[] ats = {0, 1_000_000};
    private final boolean[] keyNext = {true, true};
    private final List<Long> plis = new ArrayList<>();
    private long now;

    @BeforeEach
    void setUp() {
        pool = new BufferPool(2048);
        graph = new MediaGraph();
        String[] ids = {"ann", "bob"};
        for (int p = 0; p < 2; p++) {
            pub[p] = new ParticipantMedia(ids[p], pubSender[p], 1000 + p);
            video[p] = new PublishedTrack(new TrackSource(ids[p] + "/1", ids[p], "v", "video", "VP8", 90000, 96 + p,
                    -1, VSSRC[p], -1, false), pubSender[p], 1000 + p, RoomOptions.defaults());
            audio[p] = new PublishedTrack(new TrackSource(ids[p] + "/0", ids[p], "a", "audio", "opus", 48000, 111 + p,
                    -1, ASSRC[p], -1, false), pubSender[p], 1000 + p, RoomOptions.defaults());
            graph.publish(pub[p], video[p]);
            graph.publish(pub[p], audio[p]);
        }
        sub = new Recorder();
        subscriber = new ParticipantMedia("cat", sub, 5678);
        fv = new FollowingOutput("speaker:cat:video", true, 90000, "VP8", sub, pool,
                new Subscription.Output(7000, 7001, 100, 101, new byte[256]), 3);
        fa = new FollowingOutput("speaker:cat:audio", false, 48000, "opus", sub, pool,
                new Subscription.Output(7100, -1, 109, -1, new byte[256]), 9);
        graph.attach(subscriber, fv);
        graph.attach(subscriber, fa);
    }

    /** One video frame (2 packets) and one audio packet of each publisher, then the tracks tick and publishers answer PLIs. */
    private void frame() {
        now += 20;
        for (int p = 0; p < 2; p++) {
            boolean key = keyNext[p];
            keyNext[p] = false;
            for (int i = 0; i < 2; i++) {
                PacketBuffer b = pool.acquire();
                b.setLength(writeVideo(b.array(), b.offset(), p, i == 0, i == 1, key));
                seq[p] = (seq[p] + 1) & 0xFFFF;
                pub[p].onRtp(b, now);
            }
            ts[p] = (ts[p] + 1800) & 0xFFFFFFFFL;
            pic[p] = (pic[p] + 1) & 0x7FFF;
            tl0[p] = (tl0[p] + 1) & 0xFF;
            PacketBuffer a = pool.acquire();
            int at = a.offset() + RtpHeader.writeFixedHeader(a.array(), a.offset(), false, 111 + p, aseq[p], ats[p],
                    ASSRC[p]);
            a.array()[at] = (byte) p;
            a.setLength(at + 1 - a.offset() + 20);
            aseq[p] = (aseq[p] + 1) & 0xFFFF;
            ats[p] = (ats[p] + 960) & 0xFFFFFFFFL;
            pub[p].onRtp(a, now);
        }
        for (int p = 0; p < 2; p++) {
            int before = pubSender[p].rtcp.size();
            video[p].tick(now);
            for (int i = before; i < pubSender[p].rtcp.size(); i++) {
                byte[] r = pubSender[p].rtcp.get(i);
                RtcpCursor c = new RtcpCursor();
                c.reset(r, 0, r.length);
                while (c.next()) {
                    if (c.packetType() == RtcpHeader.PSFB && Feedback.fmt(r, c.offset()) == RtcpHeader.FMT_PLI) {
                        long media = Feedback.mediaSsrc(r, c.offset());
                        plis.add(media);
                        keyNext[p] |= media == VSSRC[p];
                    }
                }
            }
        }
        fv.tick(now);
        fa.tick(now);
    }

    /** RTP, VP8 descriptor (X, I with 15-bit PictureID, L), frame header, then a (publisher, seq) tag. */
    private int writeVideo(byte[] b, int off, int p, boolean start, boolean marker, boolean key) {
        int at = off + RtpHeader.writeFixedHeader(b, off, marker, 96 + p, seq[p], ts[p], VSSRC[p]);
        b[at++] = (byte) (start ? 0x90 : 0x80);
        b[at++] = (byte) 0xC0;
        b[at++] = (byte) (0x80 | pic[p] >> 8);
        b[at++] = (byte) pic[p];
        b[at++] = (byte) tl0[p];
        if (start) {
            b[at++] = (byte) (key ? 0x10 : 0x11);
            b[at++] = 0;
            b[at++] = 0;
            if (key) {
                b[at++] = (byte) 0x9d;
                b[at++] = 0x01;
                b[at++] = 0x2a;
                b[at++] = (byte) 640;
                b[at++] = (byte) (640 >> 8);
                b[at++] = (byte) 360;
                b[at++] = (byte) (360 >> 8);
            }
        }
        b[at++] = (byte) p;
        b[at++] = (byte) (seq[p] >> 8);
        b[at++] = (byte) seq[p];
        for (int i = 0; i < 40; i++) {
            b[at++] = (byte) i;
        }
        return at - off;
    }

    private record Out(int seq, long ts, int from, boolean keyframe, int pic, int tl0, boolean start, int pt) {
    }

    private List<Out> video(int fromIndex) {
        List<Out> out = new ArrayList<>();
        for (int i = fromIndex; i < sub.rtp.size(); i++) {
            byte[] b = sub.rtp.get(i);
            if (RtpHeader.ssrc(b, 0) != 7000) {
                continue;
            }
            RtpPacket v = new RtpPacket();
            assertTrue(v.wrap(b, 0, b.length));
            int o = v.payloadOffset();
            boolean start = (b[o] & 0x10) != 0;
            int tagAt = o + 5 + (start ? 3 : 0) + (start && (b[o + 5] & 1) == 0 ? 7 : 0);
            out.add(new Out(v.sequenceNumber(), v.timestamp(), b[tagAt], Vp8Keyframe.isKeyframe(b, o,
                    v.payloadLength()), ((b[o + 2] & 0x7F) << 8) | (b[o + 3] & 0xFF), b[o + 4] & 0xFF, start,
                    v.payloadType()));
        }
        return out;
    }

    private List<Out> audio(int fromIndex) {
        List<Out> out = new ArrayList<>();
        for (int i = fromIndex; i < sub.rtp.size(); i++) {
            byte[] b = sub.rtp.get(i);
            if (RtpHeader.ssrc(b, 0) != 7100) {
                continue;
            }
            RtpPacket v = new RtpPacket();
            assertTrue(v.wrap(b, 0, b.length));
            out.add(new Out(v.sequenceNumber(), v.timestamp(), b[v.payloadOffset()], false, 0, 0, true,
                    v.payloadType()));
        }
        return out;
    }

    private static void assertContinuousVideo(List<Out> out) {
        for (int i = 1; i < out.size(); i++) {
            Out a = out.get(i - 1);
            Out b = out.get(i);
            assertEquals((a.seq + 1) & 0xFFFF, b.seq, "seq continuous at output " + i);
            assertEquals(100, b.pt, "the subscriber's payload type");
            long dts = (b.ts - a.ts) & 0xFFFFFFFFL;
            if (b.start) {
                assertEquals((a.pic + 1) & 0x7FFF, b.pic, "PictureID continuous at output " + i);
                assertEquals((a.tl0 + 1) & 0xFF, b.tl0, "TL0PICIDX continuous at output " + i);
                assertTrue(dts > 0 && dts <= 90 * 100, "timestamp steps forward " + dts + " at output " + i);
            } else {
                assertEquals(a.pic, b.pic);
                assertEquals(0, dts);
            }
        }
    }

    private int firstFrom(List<Out> out, int publisher) {
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).from == publisher) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void videoSwitchesToTheNewSpeakerAtItsKeyframeWithContinuousNumbering() {
        graph.follow(fv, video[ANN], new byte[256], now);
        fv.activate(now);
        for (int i = 0; i < 5; i++) {
            frame();
        }
        List<Out> first = video(0);
        assertEquals(10, first.size());
        assertTrue(first.get(0).keyframe(), "the first packet carried is a keyframe");
        for (Out o : first) {
            assertEquals(ANN, o.from);
        }
        assertEquals(ANN, fv.unneeded() == null ? ANN : -1, "nothing to let go while only ann is followed");

        keyNext[BOB] = false;
        int mark = sub.rtp.size();
        int plisBefore = plis.size();
        graph.follow(fv, video[BOB], new byte[256], now);
        assertSame(video[BOB], fv.target());
        assertEquals(2, fv.sources().size(), "listens to both while the switch waits");
        frame(); // ann still flows; bob is asked for a keyframe
        List<Out> during = video(mark);
        assertEquals(2, during.size());
        assertEquals(ANN, during.get(0).from, "the old speaker flows until the new one's keyframe");
        assertTrue(plis.size() > plisBefore, "a PLI went out");
        for (long m : plis.subList(plisBefore, plis.size())) {
            assertEquals(VSSRC[BOB], m, "the PLI goes to the new speaker only");
        }
        for (int i = 0; i < 4; i++) {
            frame();
        }
        List<Out> after = video(mark);
        int switched = firstFrom(after, BOB);
        assertTrue(switched > 0, "switched to bob");
        assertTrue(after.get(switched).keyframe(), "bob's first packet is his keyframe");
        for (int i = switched; i < after.size(); i++) {
            assertEquals(BOB, after.get(i).from, "nothing of ann after the switch");
        }
        assertContinuousVideo(video(0));

        assertSame(video[ANN], fv.unneeded(), "ann's track is no longer needed");
        graph.unfollow(fv, video[ANN]);
        assertEquals(List.of(video[BOB]), fv.sources());
        assertTrue(video[ANN].followers().isEmpty());
        assertNull(fv.unneeded());
    }

    @Test
    void aSwitchCalledOffBeforeTheKeyframeKeepsTheCurrentSpeakerWithoutAFreeze() {
        graph.follow(fv, video[ANN], new byte[256], now);
        fv.activate(now);
        for (int i = 0; i < 3; i++) {
            frame();
        }
        int mark = sub.rtp.size();
        graph.follow(fv, video[BOB], new byte[256], now);
        graph.follow(fv, video[ANN], new byte[256], now); // the speaker came back before bob's keyframe
        for (int i = 0; i < 3; i++) {
            frame();
        }
        List<Out> after = video(mark);
        assertEquals(6, after.size(), "ann never stopped");
        for (Out o : after) {
            assertEquals(ANN, o.from);
        }
        assertContinuousVideo(video(0));
        assertSame(video[BOB], fv.unneeded(), "bob's track can be let go");
    }

    @Test
    void audioSwitchesAtTheNextPacketWithContinuousNumbering() {
        graph.follow(fa, audio[ANN], new byte[256], now);
        fa.activate(now);
        for (int i = 0; i < 3; i++) {
            frame();
        }
        graph.follow(fa, audio[BOB], new byte[256], now);
        for (int i = 0; i < 3; i++) {
            frame();
        }
        List<Out> out = audio(0);
        // frame 4 sends ann's packet before bob's: ann flows until bob's first packet, which switches
        assertEquals(7, out.size());
        for (int i = 0; i < 7; i++) {
            assertEquals(i < 4 ? ANN : BOB, out.get(i).from, "packet " + i);
            assertEquals(109, out.get(i).pt);
            if (i > 0) {
                assertEquals((out.get(i - 1).seq + 1) & 0xFFFF, out.get(i).seq);
                long dts = (out.get(i).ts - out.get(i - 1).ts) & 0xFFFFFFFFL;
                assertTrue(dts > 0 && dts <= 48 * 100, "timestamp forward " + dts);
            }
        }
    }

    @Test
    void nacksAreAnsweredFromTheRightPublishersStoreAndPliReachesTheCurrentSource() {
        graph.follow(fv, video[ANN], new byte[256], now);
        fv.activate(now);
        for (int i = 0; i < 3; i++) {
            frame();
        }
        graph.follow(fv, video[BOB], new byte[256], now);
        for (int i = 0; i < 4; i++) {
            frame();
        }
        List<Out> all = video(0);
        int switched = firstFrom(all, BOB);
        assertTrue(switched > 0);
        Out fromAnn = all.get(switched - 1);
        Out fromBob = all.get(all.size() - 1);
        int mark = sub.rtp.size();
        fv.beginNack();
        fv.onNack(fromAnn.seq, now);
        fv.onNack(fromBob.seq, now);
        assertEquals(2, fv.retransmissions());
        List<byte[]> resent = sub.rtp.subList(mark, sub.rtp.size());
        assertEquals(2, resent.size());
        for (byte[] r : resent) {
            assertEquals(7001, RtpHeader.ssrc(r, 0), "answered on the RTX stream");
        }

        // a PLI from the subscriber goes to the source carried now (bob)
        now += 1000; // past the upstream keyframe request interval (300 ms)
        int plisBefore = plis.size();
        keyNext[BOB] = false;
        byte[] pli = new byte[12];
        pli[0] = (byte) 0x81;
        pli[1] = (byte) RtcpHeader.PSFB;
        pli[3] = 2;
        writeInt(pli, 4, 5678);
        writeInt(pli, 8, 7000);
        PacketBuffer b = pool.acquire();
        System.arraycopy(pli, 0, b.array(), b.offset(), pli.length);
        b.setLength(pli.length);
        subscriber.onRtcp(b, now, 0);
        assertEquals(1, subscriber.keyframeRequestsReceived());
        frame();
        assertFalse(plis.subList(plisBefore, plis.size()).isEmpty());
        for (long m : plis.subList(plisBefore, plis.size())) {
            assertEquals(VSSRC[BOB], m);
        }
    }

    @Test
    void anUnpublishedTargetStopsTheOutputUntilAnotherIsFollowed() {
        graph.follow(fv, video[ANN], new byte[256], now);
        fv.activate(now);
        frame();
        graph.unfollow(fv, video[ANN]);
        assertNull(fv.target());
        int mark = sub.rtp.size();
        frame();
        assertTrue(video(mark).isEmpty(), "nothing is carried without a source");
        graph.follow(fv, video[BOB], new byte[256], now);
        for (int i = 0; i < 3; i++) {
            frame();
        }
        assertFalse(video(mark).isEmpty());
        assertContinuousVideo(video(0));
        graph.detach(subscriber, fv);
        assertTrue(subscriber.following().size() == 1 && video[BOB].followers().isEmpty());
    }

    private static void writeInt(byte[] b, int at, long v) {
        b[at] = (byte) (v >> 24);
        b[at + 1] = (byte) (v >> 16);
        b[at + 2] = (byte) (v >> 8);
        b[at + 3] = (byte) v;
    }
}
