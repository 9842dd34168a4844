package io.junction.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.junction.rtp.AudioLevel;
import io.junction.rtp.BufferPool;
import io.junction.rtp.PacketBuffer;
import io.junction.rtp.RtpHeader;
import io.junction.sfu.room.MediaSender;
import io.junction.sfu.room.PublishedTrack;
import io.junction.sfu.room.RoomOptions;
import io.junction.sfu.room.TrackSource;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The room's speaker path on an injected clock: Opus-shaped RTP packets carrying RFC 6464 levels
 * go through {@link PublishedTrack#onRtp} (the per-packet read), {@link RoomSpeakers#tick} feeds
 * the detector and runs its decisions, and the listener hears the changes.
 */
class RoomSpeakersTest {
    private static final int EXT_ID = 1;
    private static final MediaSender NO_SEND = new MediaSender() {
        @Override
        public void sendRtp(byte[] buf, int off, int len) {
        }

        @Override
        public void sendRtcp(byte[] buf, int off, int len) {
        }
    };

    private final long[] clock = {5_000_000};
    private final List<String> changes = new ArrayList<>();
    private final List<Long> changeTimes = new ArrayList<>();
    private final RoomSpeakers speakers = new RoomSpeakers(() -> clock[0], id -> {
        changes.add(id);
        changeTimes.add(clock[0]);
    });
    private final BufferPool pool = new BufferPool(8192);
    private final Map<String, PublishedTrack> tracks = new LinkedHashMap<>();
    private final List<PublishedTrack> trackList = new ArrayList<>();
    private int seq;

    private PublishedTrack publish(String id, long ssrc) {
        TrackSource src = new TrackSource(id + "/0", id, "a", "audio", "opus", 48000, 111, -1, ssrc, -1, false);
        PublishedTrack t = new PublishedTrack(src, NO_SEND, 1, RoomOptions.defaults());
        t.setAudioLevelExtensionId(EXT_ID);
        tracks.put(id, t);
        trackList.add(t);
        return t;
    }

    /** An Opus packet with a one-byte-form audio level element (id 1). */
    private PacketBuffer packet(long ssrc, int level, boolean voice) {
        PacketBuffer p = pool.acquire();
        byte[] b = p.array();
        int off = p.offset();
        int at = off + RtpHeader.writeFixedHeader(b, off, false, 111, seq, seq * 960L, ssrc);
        seq = (seq + 1) & 0xFFFF;
        b[off] |= 0x10; // X
        b[at] = (byte) 0xBE;
        b[at + 1] = (byte) 0xDE;
        b[at + 2] = 0;
        b[at + 3] = 1;
        b[at + 4] = (byte) (EXT_ID << 4); // L=0: one byte
        b[at + 5] = (byte) ((voice ? 0x80 : 0) | level);
        b[at + 6] = 0;
        b[at + 7] = 0;
        at += 8;
        for (int i = 0; i < 40; i++) {
            b[at + i] = (byte) i;
        }
        p.setLength(at + 40 - off);
        return p;
    }

    /**
     * Every participant sends one packet per 20 ms with the level {@code levels} gives for the
     * time; the room ticks every 10 ms (the worker's period).
     */
    private void run(long durationMs, Map<String, LongUnaryOperator> levels) {
        long end = clock[0] + durationMs;
        while (clock[0] < end) {
            if (clock[0] % 20 == 0) {
                for (Map.Entry<String, LongUnaryOperator> e : levels.entrySet()) {
                    PublishedTrack t = tracks.get(e.getKey());
                    int level = (int) e.getValue().applyAsLong(clock[0]);
                    t.onRtp(packet(t.source().ssrc(), level, level < 60), clock[0]);
                }
            }
            for (PublishedTrack t : trackList) {
                t.tick(clock[0]); // as the room does: expires stored packets
            }
            speakers.tick(clock[0], trackList);
            clock[0] += 10;
        }
    }

    private static LongUnaryOperator constant(int level) {
        return t -> level;
    }

    @Test
    void theLoudParticipantBecomesTheSpeakerOnceWithinTwoSeconds() {
        long a = 11, b = 22, c = 33;
        publish("a", a);
        publish("b", b);
        publish("c", c);
        run(3_000, Map.of("a", constant(127), "b", constant(127), "c", constant(127)));
        assertEquals(List.of(), changes, "digital silence everywhere: nobody speaks");
        long start = clock[0];
        run(6_000, Map.of("a", constant(127), "b", constant(3), "c", constant(127)));
        assertEquals(List.of("b"), changes, "exactly one change, to the loud participant");
        assertTrue(changeTimes.get(0) - start <= 2_000, () -> "after " + (changeTimes.get(0) - start) + " ms");
        assertEquals("b", speakers.dominant());
        assertTrue(tracks.get("b").audioLevelsRead() > 0);
        trackList.forEach(PublishedTrack::close);
        assertEquals(0, pool.outstanding());
    }

    @Test
    void aParticipantChosenWhileSilentIsReportedOnceItMakesASound() {
        // alone and silent, the algorithm picks it anyway; nothing is reported until it speaks
        publish("a", 11);
        publish("b", 22);
        run(3_000, Map.of("a", constant(127)));
        assertEquals(List.of(), changes);
        long start = clock[0];
        run(3_000, Map.of("a", constant(3), "b", constant(127)));
        assertEquals(List.of("a"), changes);
        assertTrue(changeTimes.get(0) - start <= 100, () -> "after " + (changeTimes.get(0) - start) + " ms");
    }

    @Test
    void equalLevelsDoNotFlap() {
        publish("a", 11);
        publish("b", 22);
        publish("c", 33);
        run(12_000, Map.of("a", constant(20), "b", constant(20), "c", constant(127)));
        assertEquals(1, changes.size(), () -> "changes " + changes);
        String first = changes.get(0);
        assertTrue(first.equals("a") || first.equals("b"), first);
        assertEquals(first, speakers.dominant());
    }

    @Test
    void theLoudestPacketOfEachFeedWindowCounts() {
        PublishedTrack t = publish("a", 11);
        t.onRtp(packet(11, 90, false), clock[0]);
        t.onRtp(packet(11, 12, true), clock[0]);
        t.onRtp(packet(11, 60, false), clock[0]);
        int raw = t.takeAudioLevel();
        assertEquals(12, AudioLevel.level(raw));
        assertTrue(AudioLevel.voice(raw));
        assertEquals(AudioLevel.ABSENT, t.takeAudioLevel(), "the window resets");
        t.setAudioLevelExtensionId(0);
        t.onRtp(packet(11, 5, true), clock[0]);
        assertEquals(AudioLevel.ABSENT, t.takeAudioLevel(), "not negotiated: not read");
        t.close();
    }

    @Test
    void aSpeakerWhoLeavesIsReportedAsNobodyAndAClosedRoomHearsNothing() {
        publish("a", 11);
        publish("b", 22);
        run(5_000, Map.of("a", constant(3), "b", constant(127)));
        assertEquals(List.of("a"), changes);
        trackList.remove(tracks.remove("a"));
        speakers.remove("a");
        assertEquals(2, changes.size());
        assertNull(changes.get(1));
        speakers.close();
        run(5_000, Map.of("b", constant(3)));
        assertEquals(2, changes.size(), () -> "changes " + changes);
    }

    @Test
    void readingLevelsAllocatesNothingPerPacket() {
        PublishedTrack t = publish("a", 11);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 2; round++) {
            long before = mx.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100_000; i++) {
                t.onRtp(packet(11, i % 128, (i & 1) == 0), clock[0]);
                if (i % 2 == 0) {
                    t.takeAudioLevel();
                }
                if (i % 1000 == 0) {
                    clock[0] += 10_000; // let the stored packets expire
                    t.tick(clock[0]);
                }
            }
            long allocated = mx.getCurrentThreadAllocatedBytes() - before;
            if (round == 1) {
                assertTrue(allocated < 8 * 1024, "allocated " + allocated + " bytes over 100k packets");
            }
        }
        t.close();
    }
}
