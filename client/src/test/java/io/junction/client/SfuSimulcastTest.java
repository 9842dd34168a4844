package io.junction.client;

import static io.junction.client.LoopbackRoom.await;
import static io.junction.client.LoopbackRoom.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.junction.rtp.RtpPacket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rid-based simulcast over loopback with the real engine and signaling: a Java publisher sends
 * three layers (own SSRCs, MID + RID extensions, no {@code a=ssrc} lines, as browsers do), a
 * subscriber receives one video track: the top layer first (its first packet a keyframe), then,
 * after a {@code preference} message, the lowest layer from one of its keyframes on, with no
 * packet of the old layer after it and one continuous sequence-number space (gaps only where a
 * retransmission filled them).
 */
class SfuSimulcastTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<ClientSdp.Layer> LAYERS = List.of(new ClientSdp.Layer("q", 0x1111_0001L, 0x1111_0002L),
            new ClientSdp.Layer("h", 0x2222_0001L, 0x2222_0002L), new ClientSdp.Layer("f", 0x3333_0001L, 0x3333_0002L));

    /** One video packet as the subscriber got it. */
    private record Got(int seq, int tag, boolean keyframeStart) {
    }

    private LoopbackRoom room;
    private final List<Got> got = new ArrayList<>();
    private final TreeSet<Integer> retransmitted = new TreeSet<>();

    @BeforeEach
    void start() throws Exception {
        room = new LoopbackRoom();
    }

    @AfterEach
    void stop() {
        room.close();
    }

    private void onRtp(ReceivedStream stream, RtpPacket p, long nanos) {
        if (stream == null || !stream.kind().equals("video")) {
            return;
        }
        byte[] b = p.array();
        int o = p.payloadOffset();
        SyntheticMedia.Body body = SyntheticMedia.check(b, o, p.payloadLength(), true);
        synchronized (got) {
            if (body != null) {
                boolean key = (b[o] & 0x10) != 0 && (b[o + 1] & 0x01) == 0;
                got.add(new Got(p.sequenceNumber(), body.tag(), key));
            } else if (p.payloadLength() > 2 && SyntheticMedia.check(b, o + 2, p.payloadLength() - 2, true) != null) {
                retransmitted.add(((b[o] & 0xFF) << 8) | (b[o + 1] & 0xFF)); // RFC 4588 OSN
            }
        }
    }

    private long count(int layer) {
        synchronized (got) {
            return got.stream().filter(g -> g.tag() == (int) LAYERS.get(layer).ssrc()).count();
        }
    }

    private void prefer(SfuParticipantClient c, String publisher, Integer maxHeight) {
        prefer(c, publisher, maxHeight, false);
    }

    private void prefer(SfuParticipantClient c, String publisher, Integer maxHeight, boolean paused) {
        ObjectNode data = JSON.createObjectNode().put("type", "preference").put("publisher", publisher);
        if (maxHeight != null) {
            data.put("maxHeight", maxHeight);
        }
        data.put("paused", paused);
        c.signaling().message("sim", data, null);
    }

    @Test
    void oneTrackTopLayerFirstThenTheLowLayerFromItsKeyframeOn() throws Exception {
        SfuParticipantClient pub = room.joinSimulcast("sim", "pub", LAYERS);
        connect(pub);
        SimulcastPump pump = SimulcastPump.start(pub, LAYERS, "c1", 30, 600_000, 300);
        try {
            SfuParticipantClient sub = room.join("sim", "sub", false);
            sub.setRtpTap(this::onRtp);
            connect(sub);
            await("the top layer at the subscriber", Duration.ofSeconds(20), () -> count(2) >= 60,
                    () -> "got " + got.size());
            synchronized (got) {
                assertTrue(got.get(0).keyframeStart(), "the first packet forwarded starts a keyframe");
                for (Got g : got) {
                    assertEquals((int) LAYERS.get(2).ssrc(), g.tag(), "no preference: only the top layer");
                }
            }
            long videoSections = sub.received().values().stream().filter(s -> s.kind().equals("video"))
                    .map(ReceivedStream::mid).distinct().count();
            assertEquals(1, videoSections, "three layers, one video track (one section: its SSRC and RTX SSRC)");

            prefer(sub, pub.id(), 200); // 180 / 360 / 720 assumed: the lowest layer
            await("the low layer at the subscriber", Duration.ofSeconds(15), () -> count(0) >= 60,
                    () -> "got " + got.size() + ", low " + count(0));
            assertTrue(pump.keyframeRequests(0) > 0, "the low layer was asked for a keyframe");
            List<Got> all;
            synchronized (got) {
                all = new ArrayList<>(got);
            }
            int first = -1;
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).tag() == (int) LAYERS.get(0).ssrc()) {
                    first = i;
                    break;
                }
            }
            assertTrue(all.get(first).keyframeStart(), "the low layer starts with its keyframe");
            for (int i = first; i < all.size(); i++) {
                assertEquals((int) LAYERS.get(0).ssrc(), all.get(i).tag(), "no top-layer packet after the switch");
            }
            assertFalse(all.stream().anyMatch(g -> g.tag() == (int) LAYERS.get(1).ssrc()), "h never forwarded");
            // one sequence-number space: every seq from the first to the last arrived, as an original or an RTX
            TreeSet<Integer> seqs = new TreeSet<>();
            for (Got g : all) {
                seqs.add(g.seq());
            }
            synchronized (got) {
                seqs.addAll(retransmitted);
            }
            int start = all.get(0).seq();
            int end = all.get(all.size() - 1).seq();
            int span = ((end - start) & 0xFFFF) + 1;
            assertTrue(span < 30_000, "no wrap-sized jump: span " + span);
            List<Integer> missing = new ArrayList<>();
            for (int i = 0; i < span; i++) {
                int s = (start + i) & 0xFFFF;
                if (!seqs.contains(s)) {
                    missing.add(s);
                }
            }
            assertTrue(missing.isEmpty(), "continuous output seqs; missing " + missing);

            // paused: nothing; resumed: a keyframe first, still one sequence-number space
            prefer(sub, pub.id(), 200, true);
            int[] seen = {-1};
            await("forwarding to stop (no packet for 0.5 s)", Duration.ofSeconds(10), () -> {
                int before;
                synchronized (got) {
                    before = got.size();
                }
                try {
                    Thread.sleep(500); // the observation window
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                synchronized (got) {
                    seen[0] = got.size();
                    return got.size() == before;
                }
            });
            int pausedAt = seen[0];
            Thread.sleep(1000); // an observation window: 30 frames of every layer are sent meanwhile
            synchronized (got) {
                assertEquals(pausedAt, got.size(), "paused: nothing forwarded");
            }
            prefer(sub, pub.id(), 200, false);
            await("video after resuming", Duration.ofSeconds(10), () -> {
                synchronized (got) {
                    return got.size() > pausedAt + 10;
                }
            });
            synchronized (got) {
                Got resumed = got.get(pausedAt);
                assertTrue(resumed.keyframeStart(), "resuming starts at a keyframe");
                assertEquals((got.get(pausedAt - 1).seq() + 1) & 0xFFFF, resumed.seq(), "no seq gap across the pause");
            }

            // a preference naming nobody in the room, or the sender itself, is refused with a clear error
            prefer(sub, "nobody-here", 100);
            await("the error", Duration.ofSeconds(5), () -> errors(sub).size() > 0);
            assertEquals("bad-message", errors(sub).get(0).path("code").asText());
            prefer(sub, sub.id(), 100);
            await("the second error", Duration.ofSeconds(5), () -> errors(sub).size() > 1);
            assertEquals("bad-message", errors(sub).get(1).path("code").asText());
            assertTrue(errors(sub).get(1).path("message").asText().contains("yourself"), errors(sub).get(1).toString());
        } finally {
            pump.close();
        }
    }

    private static List<JsonNode> errors(SfuParticipantClient c) {
        List<JsonNode> out = new ArrayList<>();
        synchronized (c.events()) {
            for (JsonNode e : c.events()) {
                if ("error".equals(e.path("type").asText())) {
                    out.add(e);
                }
            }
        }
        return out;
    }
}
