package io.junction.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import io.junction.rtp.rtcp.Nack;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static io.junction.client.LoopbackRoom.await;
import static io.junction.client.LoopbackRoom.connect;
import static io.junction.client.LoopbackRoom.from;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Java client peers over loopback through the real signaling server and SFU engine. */
class SfuRoomTest {
    private LoopbackRoom room;

    @BeforeEach
    void start() throws Exception {
        room = new LoopbackRoom();
    }

    @AfterEach
    void stop() {
        room.close();
    }

    @Test
    void threePublishersEachReceiveTheOthersIntact() throws Exception {
        List<SfuParticipantClient> ps = List.of(room.join("r1", "ann", true), room.join("r1", "bob", true),
                room.join("r1", "cat", true));
        for (SfuParticipantClient p : ps) {
            connect(p);
            room.pump(p);
        }
        for (SfuParticipantClient p : ps) {
            await(p.id() + " receiving 4 streams", Duration.ofSeconds(15), () -> p.received().values().stream()
                    .filter(s -> s.packets() > 20).count() == 4);
        }
        for (SfuParticipantClient p : ps) {
            Set<String> publishers = new HashSet<>();
            for (ReceivedStream s : p.received().values()) {
                if (s.packets() == 0) {
                    continue;
                }
                publishers.add(s.streamId());
                assertEquals(0, s.corrupt(), "corrupt payloads on " + s.ssrc());
                if (s.kind().equals("video")) {
                    assertEquals(Boolean.TRUE, s.firstWasKeyframe(), "first video packet must start a keyframe");
                }
            }
            assertEquals(2, publishers.size(), p.id() + " should receive the two others: " + publishers);
            assertTrue(!publishers.contains(p.id()), "no echo of one's own tracks");
        }
    }

    @Test
    void lateJoinerStartsEveryVideoOnAKeyframeRequestedUpstream() throws Exception {
        List<SfuParticipantClient> ps = List.of(room.join("r2", "ann", true), room.join("r2", "bob", true),
                room.join("r2", "cat", true));
        List<MediaPump> pumps = new java.util.ArrayList<>();
        for (SfuParticipantClient p : ps) {
            connect(p);
            // No periodic keyframes: only the server's PLI/FIR can give a late joiner a keyframe.
            pumps.add(room.pump(p, Integer.MAX_VALUE));
        }
        for (SfuParticipantClient p : ps) {
            await(p.id() + " receiving 4 streams", Duration.ofSeconds(15), () -> p.received().values().stream()
                    .filter(s -> s.packets() > 20).count() == 4);
        }
        long[] before = pumps.stream().mapToLong(MediaPump::keyframeRequests).toArray();

        SfuParticipantClient late = room.join("r2", "dan", false);
        connect(late);
        await("late joiner receiving 6 streams", Duration.ofSeconds(15), () -> late.received().values().stream()
                .filter(s -> s.packets() > 10).count() == 6);

        for (SfuParticipantClient p : ps) {
            List<ReceivedStream> video = from(late, p.id(), "video");
            assertEquals(1, video.size(), "one video stream from " + p.id());
            assertEquals(Boolean.TRUE, video.get(0).firstWasKeyframe(), "first video packet from " + p.id());
            assertEquals(0, video.get(0).corrupt());
            assertEquals(0, from(late, p.id(), "audio").get(0).corrupt());
        }
        for (int i = 0; i < pumps.size(); i++) {
            assertTrue(pumps.get(i).keyframeRequests() > before[i],
                    ps.get(i).id() + " got no PLI/FIR after the late join");
        }
    }

    @Test
    void subscriberNackIsServedWithRtxFromTheBufferWithoutNackingUpstream() throws Exception {
        SfuParticipantClient pub = room.join("r3", "ann", true);
        SfuParticipantClient sub = room.join("r3", "bob", false);
        connect(pub);
        NackRecorder upstream = NackRecorder.on(pub, pub.publishedSsrc(1));
        room.pump(pub);
        connect(sub);
        await("subscriber receiving video", Duration.ofSeconds(15),
                () -> from(sub, pub.id(), "video").stream().anyMatch(s -> s.packets() > 60));
        ReceivedStream video = from(sub, pub.id(), "video").get(0);
        ReceivedStream rtx = sub.received().values().stream()
                .filter(s -> s.kind().equals("video") && pub.id().equals(s.streamId()) && s != video)
                .findFirst().orElseThrow(() -> new AssertionError("no RTX SSRC announced for the video"));

        int last = video.lastSequence();
        int[] seqs = new int[5];
        for (int i = 0; i < seqs.length; i++) {
            seqs[i] = (last - 20 + i) & 0xFFFF;
        }
        byte[] out = new byte[1500];
        int len = Nack.write(out, 0, 0x1234_5678L, video.ssrc(), seqs, 0, seqs.length);
        sub.sendRtcp(out, 0, len);

        await("RTX answers", Duration.ofSeconds(5), () -> rtx.rtxPackets() >= seqs.length);
        long mark = video.packets();
        await("more media after the answers", Duration.ofSeconds(5), () -> video.packets() > mark + 30);
        assertEquals(seqs.length, rtx.rtxPackets(), "one RTX packet per NACKed seq");
        assertEquals(0, rtx.corrupt(), "RTX payloads must carry the original payload");
        assertEquals(0, upstream.packets(), "a subscriber NACK served from the buffer must not go upstream: "
                + upstream.seqs());
    }

    @Test
    void publisherLossIsNackedUpstreamAndRepairedPacketsReachSubscribers() throws Exception {
        SfuParticipantClient pub = room.join("r4", "ann", true);
        List<SfuParticipantClient> subs = List.of(room.join("r4", "bob", false), room.join("r4", "cat", false));
        connect(pub);
        NackRecorder upstream = NackRecorder.on(pub, pub.publishedSsrc(1));
        MediaPump pump = room.pump(pub);
        for (SfuParticipantClient s : subs) {
            connect(s);
            await(s.id() + " receiving video", Duration.ofSeconds(15),
                    () -> from(s, pub.id(), "video").stream().anyMatch(v -> v.packets() > 60));
        }
        long[] baseline = subs.stream().mapToLong(s -> from(s, pub.id(), "video").get(0).lost()).toArray();

        pump.withholdVideo(3);
        await("3 packets withheld", Duration.ofSeconds(5), () -> pump.withheldSequences().size() == 3);
        Set<Integer> skipped = new TreeSet<>(pump.withheldSequences());
        await("NACK upstream for " + skipped, Duration.ofSeconds(5), () -> upstream.seqs().containsAll(skipped));
        assertEquals(skipped, upstream.seqs(), "the server NACKs exactly the packets it did not get");
        for (int i = 0; i < subs.size(); i++) {
            ReceivedStream v = from(subs.get(i), pub.id(), "video").get(0);
            long expected = baseline[i] + 3;
            await("hole seen by " + subs.get(i).id(), Duration.ofSeconds(5), () -> v.lost() == expected);
        }

        assertEquals(3, pump.resendWithheld());
        for (int i = 0; i < subs.size(); i++) {
            ReceivedStream v = from(subs.get(i), pub.id(), "video").get(0);
            long expected = baseline[i];
            await("repaired packets at " + subs.get(i).id(), Duration.ofSeconds(5), () -> v.lost() == expected);
            assertEquals(0, v.corrupt());
        }
    }
}
