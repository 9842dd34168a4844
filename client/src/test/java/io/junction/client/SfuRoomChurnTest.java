package io.junction.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static io.junction.client.LoopbackRoom.await;
import static io.junction.client.LoopbackRoom.packetsFrom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Participants joining and leaving in a seeded random order: the negotiation converges. */
class SfuRoomChurnTest {
    private static final int SLOTS = 6;
    private static final int STEPS = 20;
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
    void joinsAndLeavesInRandomOrderConverge() throws Exception {
        Random rnd = new Random(42);
        SfuParticipantClient[] slot = new SfuParticipantClient[SLOTS];
        MediaPump[] pump = new MediaPump[SLOTS];
        List<String> departed = new ArrayList<>();
        for (int step = 0; step < STEPS; step++) {
            int i = rnd.nextInt(SLOTS);
            if (slot[i] == null) {
                slot[i] = room.join("churn", "s" + i + "-" + step, true);
                slot[i].joined().get(5, TimeUnit.SECONDS);
                pump[i] = room.pump(slot[i]);
            } else {
                depart(slot[i], pump[i], rnd.nextInt(3));
                departed.add(slot[i].id());
                slot[i] = null;
            }
        }
        for (int i = 0, live = count(slot); live < 3 && i < SLOTS; i++) {
            if (slot[i] == null) {
                slot[i] = room.join("churn", "s" + i + "-end", true);
                pump[i] = room.pump(slot[i]);
                live++;
            }
        }
        List<SfuParticipantClient> live = new ArrayList<>();
        for (SfuParticipantClient c : slot) {
            if (c != null) {
                LoopbackRoom.connect(c);
                live.add(c);
            }
        }

        for (SfuParticipantClient sub : live) {
            for (SfuParticipantClient pub : live) {
                if (pub != sub) {
                    await(sub.id() + " receiving audio and video of " + pub.id(), Duration.ofSeconds(15),
                            () -> packetsFrom(sub, pub.id(), "audio") > 0 && packetsFrom(sub, pub.id(), "video") > 0);
                }
            }
        }
        Map<String, Long> mark = new HashMap<>();
        for (SfuParticipantClient sub : live) {
            for (SfuParticipantClient pub : live) {
                for (String kind : List.of("audio", "video")) {
                    mark.put(sub.id() + pub.id() + kind, packetsFrom(sub, pub.id(), kind));
                }
            }
            for (String gone : departed) {
                mark.put(sub.id() + gone, packetsFrom(sub, gone, "audio") + packetsFrom(sub, gone, "video"));
            }
        }
        for (SfuParticipantClient sub : live) {
            for (SfuParticipantClient pub : live) {
                if (pub == sub) {
                    continue;
                }
                for (String kind : List.of("audio", "video")) {
                    long m = mark.get(sub.id() + pub.id() + kind);
                    await(sub.id() + " receiving more " + kind + " of " + pub.id(), Duration.ofSeconds(10),
                            () -> packetsFrom(sub, pub.id(), kind) > m + 20);
                }
            }
        }
        for (SfuParticipantClient sub : live) {
            assertEquals(0, packetsFrom(sub, sub.id(), "audio") + packetsFrom(sub, sub.id(), "video"),
                    "no echo of " + sub.id());
            for (String gone : departed) {
                assertEquals(mark.get(sub.id() + gone), packetsFrom(sub, gone, "audio") + packetsFrom(sub, gone, "video"),
                        "departed " + gone + " still reaching " + sub.id());
            }
            for (ReceivedStream s : sub.received().values()) {
                assertEquals(0, s.corrupt(), "corrupt payloads at " + sub.id() + " on " + s.ssrc());
            }
            assertTrue(sub.events().stream().noneMatch(e -> e.path("type").asText().contains("error")),
                    "errors at " + sub.id() + ": " + sub.events());
        }
    }

    /** 0: leave the room, 1: close the socket and the peer, 2: lose the socket. */
    private static void depart(SfuParticipantClient c, MediaPump pump, int how) {
        switch (how) {
            case 0 -> c.leave();
            case 1 -> {
                pump.close();
                c.close();
            }
            default -> c.signaling().abort();
        }
    }

    private static int count(Object[] a) {
        int n = 0;
        for (Object o : a) {
            n += o == null ? 0 : 1;
        }
        return n;
    }
}
