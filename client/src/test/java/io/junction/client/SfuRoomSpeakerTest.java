package io.junction.client;

import static io.junction.client.LoopbackRoom.await;
import static io.junction.client.LoopbackRoom.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.junction.rtp.RtpHeader;
import io.junction.sfu.event.RoomEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Active speaker over loopback with the real engine and signaling: three Java participants send
 * Opus-shaped packets carrying the RFC 6464 audio level (extension id 1, as {@link ClientSdp}
 * offers it), one loud and two silent; every participant gets a {@code speaker} message naming
 * the loud one, the engine reports one {@link RoomEvent.DominantSpeakerChanged}, and a late
 * joiner is told the current speaker right after it joins.
 */
class SfuRoomSpeakerTest {
    private final List<RoomEvent> events = new CopyOnWriteArrayList<>();
    private LoopbackRoom room;

    @BeforeEach
    void start() throws Exception {
        room = new LoopbackRoom(b -> { }, o -> o, events::add, e -> e);
    }

    @AfterEach
    void stop() {
        room.close();
    }

    /** One Opus-shaped packet with a one-byte-form audio level element; leaves SRTP tailroom. */
    private static int audioPacket(byte[] b, int seq, long ssrc, int level) {
        int p = RtpHeader.writeFixedHeader(b, 0, false, ClientSdp.OPUS_PT, seq, seq * 960L, ssrc);
        b[0] |= 0x10; // X
        b[p] = (byte) 0xBE;
        b[p + 1] = (byte) 0xDE;
        b[p + 2] = 0;
        b[p + 3] = 1;
        b[p + 4] = (byte) (1 << 4); // id 1, one byte
        b[p + 5] = (byte) ((level < 127 ? 0x80 : 0) | level);
        b[p + 6] = 0;
        b[p + 7] = 0;
        p += 8;
        for (int i = 0; i < 60; i++) {
            b[p + i] = (byte) (seq + i);
        }
        return p + 60;
    }

    private static List<String> speakers(SfuParticipantClient c) {
        List<String> out = new ArrayList<>();
        synchronized (c.events()) {
            for (JsonNode e : c.events()) {
                if ("speaker".equals(e.path("type").asText())) {
                    out.add(e.path("id").isNull() ? null : e.path("id").asText());
                }
            }
        }
        return out;
    }

    @Test
    void theLoudParticipantIsAnnouncedToEveryone() throws Exception {
        List<SfuParticipantClient> ps = List.of(room.join("talk", "ann", true), room.join("talk", "bob", true),
                room.join("talk", "cat", true));
        for (SfuParticipantClient p : ps) {
            connect(p);
        }
        SfuParticipantClient loud = ps.get(2);
        byte[] buf = new byte[1500];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
        long started = System.nanoTime();
        long announced = -1;
        for (int seq = 1; System.nanoTime() < deadline; seq++) {
            for (SfuParticipantClient p : ps) {
                int len = audioPacket(buf, seq, p.publishedSsrc(0), p == loud ? 6 : 127);
                p.sendRtp(buf, 0, len);
            }
            if (announced < 0 && ps.stream().allMatch(p -> speakers(p).contains(loud.id()))) {
                announced = System.nanoTime();
                deadline = Math.min(deadline, announced + TimeUnit.SECONDS.toNanos(2)); // watch for flapping
            }
            TimeUnit.MILLISECONDS.sleep(20); // pacing: one Opus packet per 20 ms
        }
        assertTrue(announced > 0, () -> "speaker messages: " + ps.stream().map(SfuParticipantClient::events).toList());
        long ms = TimeUnit.NANOSECONDS.toMillis(announced - started);
        assertTrue(ms <= 2_000, "announced after " + ms + " ms");
        for (SfuParticipantClient p : ps) {
            assertEquals(List.of(loud.id()), speakers(p), p.id() + " got exactly one speaker message");
        }
        assertEquals(List.of(loud.id()), events.stream().filter(e -> e instanceof RoomEvent.DominantSpeakerChanged)
                .map(e -> ((RoomEvent.DominantSpeakerChanged) e).participant()).toList());
        assertEquals(loud.id(), room.engine.room("talk").orElseThrow().dominantSpeaker());

        SfuParticipantClient late = room.join("talk", "dan", false);
        late.joined().get(5, TimeUnit.SECONDS);
        await("the late joiner to hear the speaker", Duration.ofSeconds(5), () -> speakers(late).contains(loud.id()));

        room.release(loud, null);
        await("nobody speaks once the speaker left", Duration.ofSeconds(5),
                () -> speakers(ps.get(0)).size() == 2 && speakers(ps.get(0)).get(1) == null);
    }
}
