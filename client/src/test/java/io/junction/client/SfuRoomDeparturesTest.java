package io.junction.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.junction.sfu.sdp.Direction;
import io.junction.sfu.sdp.MediaDescription;
import io.junction.sfu.sdp.SessionDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.junction.client.LoopbackRoom.await;
import static io.junction.client.LoopbackRoom.connect;
import static io.junction.client.LoopbackRoom.packetsFrom;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Leaving, closing the socket and losing it: the others are told, their sections go inactive, nothing leaks. */
class SfuRoomDeparturesTest {
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
    void leaveCloseAndAbortEndTracksAndTheRoomWithoutLeaks() throws Exception {
        int baselineBuffers = room.engine.outstandingBuffers();
        SfuParticipantClient ann = room.join("r5", "ann", true);
        SfuParticipantClient bob = room.join("r5", "bob", true);
        SfuParticipantClient cat = room.join("r5", "cat", true);
        SfuParticipantClient dan = room.join("r5", "dan", true);
        SfuParticipantClient eve = room.join("r5", "eve", true);
        List<SfuParticipantClient> all = List.of(ann, bob, cat, dan, eve);
        List<SfuParticipantClient> stay = List.of(dan, eve);
        for (SfuParticipantClient p : all) {
            connect(p);
            room.pump(p);
        }
        for (SfuParticipantClient p : stay) {
            await(p.id() + " receiving 8 streams", Duration.ofSeconds(15), () -> p.received().values().stream()
                    .filter(s -> s.packets() > 20).count() == 8);
        }
        Set<String> gone = new TreeSet<>(List.of(ann.id(), bob.id(), cat.id()));

        ann.leave();
        bob.close();
        cat.signaling().abort();

        for (SfuParticipantClient p : stay) {
            await(p.id() + " told bye for " + gone, Duration.ofSeconds(10), () -> byes(p).containsAll(gone));
            assertEquals(gone, byes(p), "bye ids at " + p.id());
            await(p.id() + " offered inactive sections for the gone tracks", Duration.ofSeconds(10),
                    () -> goneSectionsInactive(p, gone), () -> describe(p));
        }
        await("ann told leaved", Duration.ofSeconds(5),
                () -> ann.events().stream().anyMatch(e -> e.path("type").asText().equals("leaved")));

        // The gone tracks stop while the remaining ones keep flowing.
        Map<SfuParticipantClient, Map<String, Long>> frozen = new HashMap<>();
        for (SfuParticipantClient p : stay) {
            SfuParticipantClient other = p == dan ? eve : dan;
            long mark = packetsFrom(p, other.id(), "video");
            await("media still flowing to " + p.id(), Duration.ofSeconds(5),
                    () -> packetsFrom(p, other.id(), "video") > mark + 5);
            Map<String, Long> counts = new HashMap<>();
            for (String g : gone) {
                counts.put(g, packetsFrom(p, g, "audio") + packetsFrom(p, g, "video"));
            }
            frozen.put(p, counts);
        }
        for (SfuParticipantClient p : stay) {
            SfuParticipantClient other = p == dan ? eve : dan;
            long mark = packetsFrom(p, other.id(), "video");
            await("60 more video packets at " + p.id(), Duration.ofSeconds(10),
                    () -> packetsFrom(p, other.id(), "video") > mark + 60);
            for (String g : gone) {
                assertEquals(frozen.get(p).get(g), packetsFrom(p, g, "audio") + packetsFrom(p, g, "video"),
                        "packets from " + g + " still reach " + p.id());
            }
            for (ReceivedStream s : p.received().values()) {
                assertEquals(0, s.corrupt(), "corrupt payloads at " + p.id());
            }
        }

        dan.leave();
        eve.close();
        await("no rooms left", Duration.ofSeconds(10), () -> room.engine.roomCount() == 0);
        await("pooled buffers back to " + baselineBuffers, Duration.ofSeconds(10),
                () -> room.engine.outstandingBuffers() == baselineBuffers);
    }

    private static String describe(SfuParticipantClient c) {
        StringBuilder b = new StringBuilder("offers answered ").append(c.offersAnswered()).append(", sections:");
        SessionDescription sd = c.lastRemoteDescription();
        for (MediaDescription m : sd == null ? List.<MediaDescription>of() : sd.media()) {
            b.append(' ').append(m.mid()).append('=').append(m.direction())
                    .append(m.msids().isEmpty() ? "" : "/" + m.msids().get(0).streamId());
        }
        for (ReceivedStream s : c.received().values()) {
            b.append(" [").append(s.streamId()).append(' ').append(s.kind()).append(" mid ").append(s.mid())
                    .append(' ').append(s.packets()).append(']');
        }
        return b.toString();
    }

    private static Set<String> byes(SfuParticipantClient c) {
        Set<String> ids = new TreeSet<>();
        synchronized (c.events()) {
            for (JsonNode e : c.events()) {
                if (e.path("type").asText().equals("bye")) {
                    ids.add(e.path("id").asText());
                }
            }
        }
        return ids;
    }

    /** Every section that carried a gone publisher's track is now inactive (or rejected). */
    private static boolean goneSectionsInactive(SfuParticipantClient c, Set<String> gone) {
        SessionDescription sd = c.lastRemoteDescription();
        if (sd == null) {
            return false;
        }
        List<String> mids = new ArrayList<>();
        for (ReceivedStream s : c.received().values()) {
            if (gone.contains(s.streamId())) {
                mids.add(s.mid());
            }
        }
        for (MediaDescription m : sd.media()) {
            if (mids.contains(m.mid()) && !m.isRejected() && m.direction() != Direction.INACTIVE) {
                return false;
            }
        }
        return !mids.isEmpty();
    }
}
