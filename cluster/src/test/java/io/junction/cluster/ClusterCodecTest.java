package io.junction.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Round trips of what Junction writes, and every kind of broken value refused with a reason. */
class ClusterCodecTest {
    private final ClusterCodec codec = new ClusterCodec();

    @Test
    void nodeRecordRoundTrips() throws Exception {
        NodeRecord r = new NodeRecord("n1", "ws://127.0.0.1:8080/ws", 12, 3, 99, 5000);
        assertEquals(r, codec.decodeNode(codec.encode(r)));
        NodeRecord noUrl = new NodeRecord("n_2", null, 0, 0, 0, 1);
        assertEquals(noUrl, codec.decodeNode(codec.encode(noUrl)));
    }

    @Test
    void eventsRoundTrip() throws Exception {
        ObjectNode data = new ObjectMapper().createObjectNode().put("type", "offer").put("sdp", "v=0\r\n");
        for (RoomEvent e : new RoomEvent[] {
                new RoomEvent("a", 1, RoomEvent.Kind.JOIN, "a-p1", "ann", null, null),
                new RoomEvent("a", 2, RoomEvent.Kind.LEAVE, "a-p1", null, null, null),
                new RoomEvent("a", 3, RoomEvent.Kind.RELAY, "a-p1", null, "b-p4", data),
                new RoomEvent("a", 4, RoomEvent.Kind.RELAY, "a-p1", null, null, data)}) {
            assertEquals(e, codec.decodeEvent(codec.encode(e)));
        }
    }

    @Test
    void brokenValuesAreRefusedWithAReason() {
        String[][] rows = {
                {"", "not a JSON object"},
                {"{", "not valid JSON"},
                {"[]", "not a JSON object"},
                {"{\"node\":\"a\",\"seq\":1,\"kind\":\"join\",\"id\":\"x\"}", "'name' is missing"},
                {"{\"node\":\"a\",\"seq\":1,\"kind\":\"dance\",\"id\":\"x\"}", "unknown event kind"},
                {"{\"node\":\"a\",\"seq\":0,\"kind\":\"leave\",\"id\":\"x\"}", "'seq' must be >= 1"},
                {"{\"node\":\"a\",\"seq\":\"1\",\"kind\":\"leave\",\"id\":\"x\"}", "'seq' is missing or not an integer"},
                {"{\"node\":\"a\",\"seq\":1.5,\"kind\":\"leave\",\"id\":\"x\"}", "'seq' is missing or not an integer"},
                {"{\"node\":7,\"seq\":1,\"kind\":\"leave\",\"id\":\"x\"}", "'node' is not a string"},
                {"{\"node\":\"a\",\"seq\":1,\"kind\":\"relay\",\"id\":\"x\",\"data\":[]}", "'data' of a relay"},
                {"{\"node\":\"a\",\"seq\":1,\"kind\":\"relay\",\"id\":\"x\"}", "'data' of a relay"},
                {"{\"node\":\"a\",\"node\":\"b\",\"seq\":1,\"kind\":\"leave\",\"id\":\"x\"}", "Duplicate field"},
                {"{\"node\":\"a\",\"seq\":99999999999999999999,\"kind\":\"leave\",\"id\":\"x\"}", "'seq'"},
        };
        for (String[] row : rows) {
            ClusterDecodeException e = assertThrows(ClusterDecodeException.class, () -> codec.decodeEvent(row[0]), row[0]);
            assertTrue(e.getMessage().contains(row[1]), row[0] + " -> " + e.getMessage());
        }
        String[][] nodes = {
                {"{\"id\":\"a b\",\"participants\":1,\"rooms\":1,\"beat\":1,\"ttlMs\":5}", "node id must match"},
                {"{\"id\":\"a\",\"participants\":-1,\"rooms\":1,\"beat\":1,\"ttlMs\":5}", "out of range"},
                {"{\"id\":\"a\",\"participants\":1,\"rooms\":1,\"beat\":1,\"ttlMs\":0}", "ttlMs >= 1"},
                {"{\"id\":\"a\",\"participants\":1,\"rooms\":1,\"beat\":1}", "'ttlMs' is missing"},
                {"{\"id\":\"a\",\"participants\":3000000000,\"rooms\":1,\"beat\":1,\"ttlMs\":5}", "out of range"},
        };
        for (String[] row : nodes) {
            ClusterDecodeException e = assertThrows(ClusterDecodeException.class, () -> codec.decodeNode(row[0]), row[0]);
            assertTrue(e.getMessage().contains(row[1]), row[0] + " -> " + e.getMessage());
        }
        assertThrows(ClusterDecodeException.class, () -> codec.decodeMember("{\"name\":\"x\"}"));
        assertThrows(ClusterDecodeException.class, () -> codec.decodeMember(null));
    }

    @Test
    void relaySignalsRoundTripAndBrokenOnesAreRefused() throws Exception {
        for (RelaySignal r : new RelaySignal[] {
                new RelaySignal(RelaySignal.Kind.OFFER, "r1", "a", "b", "relay.a.b.1", "v=0\r\n"),
                new RelaySignal(RelaySignal.Kind.ANSWER, "r1", "b", "a", "relay.a.b.1", "v=0\r\n"),
                new RelaySignal(RelaySignal.Kind.CLOSE, "r1", "b", "a", "relay.a.b.1", null)}) {
            assertEquals(r, codec.decodeRelay(codec.encode(r)));
        }
        String[][] rows = {
                {"{\"kind\":\"offer\",\"room\":\"r\",\"from\":\"a\",\"to\":\"b\",\"link\":\"l\"}", "'sdp' is missing"},
                {"{\"kind\":\"ping\",\"room\":\"r\",\"from\":\"a\",\"to\":\"b\",\"link\":\"l\"}", "unknown relay signal kind"},
                {"{\"kind\":\"close\",\"from\":\"a\",\"to\":\"b\",\"link\":\"l\"}", "'room' is missing"},
                {"{\"kind\":\"close\",\"room\":\"r\",\"from\":\"a\",\"to\":\"b\",\"link\":3}", "'link' is not a string"},
                {"{\"kind\":\"answer\",\"room\":\"r\",\"from\":\"a\",\"to\":\"b\",\"link\":\"l\",\"sdp\":{}}", "'sdp' is not a string"},
                {"nope", "not valid JSON"},
        };
        for (String[] row : rows) {
            ClusterDecodeException e = assertThrows(ClusterDecodeException.class, () -> codec.decodeRelay(row[0]), row[0]);
            assertTrue(e.getMessage().contains(row[1]), row[0] + " -> " + e.getMessage());
        }
    }
}
