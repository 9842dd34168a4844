package io.junction.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The registry's federation hook: what it reports of local participants, and how injected remote
 * participants show in peers, otherjoin, bye, userNum, capacity and relays. Without a federation
 * nothing of this happens (the other signaling tests run that way).
 */
class RoomFederationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SignalCodec codec = new SignalCodec(64 * 1024);
    private final List<String> calls = new ArrayList<>();
    private final RoomRegistry registry = new RoomRegistry(room -> new RoomSettings(RoomMode.P2P, 3), codec,
            new JoinIceServers(List.of(), null), 10);

    /** Records the calls; on prepare it injects a remote participant, as the cluster would. */
    private final RoomFederation recording = new RoomFederation() {
        @Override
        public String idPrefix() {
            return "n1-";
        }

        @Override
        public void prepare(String room) {
            calls.add("prepare " + room);
            registry.remoteJoin(room, "n2-p7", "zoe");
        }

        @Override
        public void joined(String room, String id, String name) {
            calls.add("joined " + room + " " + id + " " + name);
        }

        @Override
        public void left(String room, String id) {
            calls.add("left " + room + " " + id);
        }

        @Override
        public void relayed(String room, String from, String to, ObjectNode data) {
            calls.add("relayed " + room + " " + from + " " + to + " " + data.get("type").asText());
        }
    };

    /** An outbox whose sent frames are collected as JSON. */
    private static Outbox outbox(List<JsonNode> into) {
        return new Outbox(new Outbox.Wire() {
            @Override
            public void sendText(String text, Runnable done, Consumer<Throwable> failed) {
                try {
                    into.add(JSON.readTree(text));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                done.run();
            }

            @Override
            public void close(int status, String reason) {
            }
        }, 100, Runnable::run);
    }

    private static ObjectNode data(String type) {
        return JSON.createObjectNode().put("type", type);
    }

    @Test
    void remoteParticipantsCountEverywhere() {
        registry.federate(recording);
        List<JsonNode> annFrames = new ArrayList<>();
        Participant ann = registry.join("r", "ann", outbox(annFrames)).participant();
        assertEquals("n1-p1", ann.id());
        JsonNode joined = annFrames.remove(0);
        assertEquals(2, joined.get("userNum").asInt());
        assertEquals("n2-p7", joined.get("peers").get(0).get("id").asText());
        assertEquals(List.of("prepare r", "joined r n1-p1 ann"), calls);

        assertTrue(registry.remoteJoin("r", "n3-p1", "yan"));
        assertFalse(registry.remoteJoin("r", "n3-p1", "yan"), "idempotent");
        JsonNode other = annFrames.remove(0);
        assertEquals("otherjoin", other.get("type").asText());
        assertEquals(3, other.get("userNum").asInt());
        assertTrue(annFrames.isEmpty());

        // capacity 3 counts the two remote participants: a second local one is refused
        List<JsonNode> bobFrames = new ArrayList<>();
        assertEquals(null, registry.join("r", "bob", outbox(bobFrames)).participant());
        assertEquals("full", bobFrames.get(0).get("type").asText());
        assertEquals(3, bobFrames.get(0).get("userNum").asInt());

        // relays: to a remote participant goes to the federation only; to the room, to both
        calls.clear();
        assertTrue(registry.relay(ann, "n2-p7", data("offer")));
        assertTrue(registry.relay(ann, null, data("chat")));
        assertFalse(registry.relay(ann, "n9-p1", data("offer")), "unknown target");
        assertEquals(List.of("relayed r n1-p1 n2-p7 offer", "relayed r n1-p1 null chat"), calls);
        assertTrue(annFrames.isEmpty(), "nothing echoed to the sender");

        // remote relays reach the local target, only from a known remote participant
        assertTrue(registry.remoteRelay("r", "n2-p7", "n1-p1", data("answer")));
        assertEquals("n2-p7", annFrames.remove(0).get("from").asText());
        assertFalse(registry.remoteRelay("r", "n8-p1", null, data("chat")));
        assertFalse(registry.remoteRelay("r", "n2-p7", "n1-p99", data("chat")));

        assertTrue(registry.remoteLeave("r", "n3-p1"));
        assertFalse(registry.remoteLeave("r", "n3-p1"));
        JsonNode bye = annFrames.remove(0);
        assertEquals("n3-p1", bye.get("id").asText());
        assertEquals(2, bye.get("userNum").asInt());

        calls.clear();
        registry.leave(ann);
        assertEquals(List.of("left r n1-p1"), calls);
        assertEquals(Map.of("n2-p7", "zoe"), registry.remoteMembers("r"));
        assertTrue(registry.remoteForgetIfNoLocal("r"));
        assertEquals(Map.of(), registry.remoteMembers("r"));
    }

    @Test
    void forgettingIsRefusedWhileALocalParticipantIsThere() {
        registry.federate(recording);
        Participant ann = registry.join("r", "ann", outbox(new ArrayList<>())).participant();
        assertFalse(registry.remoteForgetIfNoLocal("r"));
        assertEquals(Map.of("r", Map.of(ann.id(), "ann")), registry.localMembers());
        assertEquals(1, registry.localSize("r"));
        calls.clear();
        registry.closeAll();
        assertEquals(List.of("left r n1-p1"), calls, "shutdown reports every local participant as left");
    }

    @Test
    void withoutAFederationIdsAndRelaysAreSingleServer() {
        List<JsonNode> frames = new ArrayList<>();
        Participant ann = registry.join("r", "ann", outbox(frames)).participant();
        assertEquals("p1", ann.id());
        assertEquals(1, frames.get(0).get("userNum").asInt());
        assertFalse(registry.relay(ann, "n2-p7", data("offer")));
    }
}
