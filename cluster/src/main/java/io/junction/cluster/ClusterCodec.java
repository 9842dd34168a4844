package io.junction.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON of the directory's values and the rooms' channel messages. Redis is shared
 * infrastructure, not a trusted peer: anything malformed is a {@link ClusterDecodeException}
 * (the caller counts and drops it). Thread-safe.
 */
public final class ClusterCodec {
    /** Longest value accepted from Redis, in characters (a relayed frame is at most 16 MiB). */
    public static final int MAX_CHARS = 17 * 1024 * 1024;
    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** A participant's entry in {@code room:<room>:members}. */
    public record Member(String name, String node) {
    }

    public String encode(NodeRecord r) {
        ObjectNode o = mapper.createObjectNode().put("id", r.id()).put("participants", r.participants())
                .put("rooms", r.rooms()).put("beat", r.beat()).put("ttlMs", r.ttlMs());
        if (r.url() != null) {
            o.put("url", r.url());
        }
        return o.toString();
    }

    public NodeRecord decodeNode(String json) throws ClusterDecodeException {
        ObjectNode o = object(json);
        try {
            return new NodeRecord(text(o, "id", true), text(o, "url", false), (int) number(o, "participants"),
                    (int) number(o, "rooms"), number(o, "beat"), number(o, "ttlMs"));
        } catch (IllegalArgumentException e) {
            throw new ClusterDecodeException(e.getMessage());
        }
    }

    public String encode(Member m) {
        return mapper.createObjectNode().put("name", m.name()).put("node", m.node()).toString();
    }

    public Member decodeMember(String json) throws ClusterDecodeException {
        ObjectNode o = object(json);
        return new Member(text(o, "name", true), text(o, "node", true));
    }

    public String encode(RoomEvent e) {
        ObjectNode o = mapper.createObjectNode().put("node", e.node()).put("seq", e.seq()).put("kind", e.kind().wire)
                .put("id", e.id());
        if (e.name() != null) {
            o.put("name", e.name());
        }
        if (e.to() != null) {
            o.put("to", e.to());
        }
        if (e.data() != null) {
            o.set("data", e.data());
        }
        return o.toString();
    }

    public RoomEvent decodeEvent(String json) throws ClusterDecodeException {
        ObjectNode o = object(json);
        RoomEvent.Kind kind = RoomEvent.Kind.fromWire(text(o, "kind", true));
        if (kind == null) {
            throw new ClusterDecodeException("unknown event kind '" + o.get("kind").asText() + "'");
        }
        JsonNode data = o.get("data");
        if (kind == RoomEvent.Kind.RELAY && (data == null || !data.isObject())) {
            throw new ClusterDecodeException("field 'data' of a relay must be an object");
        }
        long seq = number(o, "seq");
        if (seq < 1) {
            throw new ClusterDecodeException("field 'seq' must be >= 1 (got " + seq + ")");
        }
        return new RoomEvent(text(o, "node", true), seq, kind, text(o, "id", true),
                kind == RoomEvent.Kind.JOIN ? text(o, "name", true) : null, text(o, "to", false),
                kind == RoomEvent.Kind.RELAY ? (ObjectNode) data : null);
    }

    public String encode(RelaySignal r) {
        ObjectNode o = mapper.createObjectNode().put("kind", r.kind().wire).put("room", r.room()).put("from", r.from())
                .put("to", r.to()).put("link", r.link());
        if (r.sdp() != null) {
            o.put("sdp", r.sdp());
        }
        return o.toString();
    }

    public RelaySignal decodeRelay(String json) throws ClusterDecodeException {
        ObjectNode o = object(json);
        RelaySignal.Kind kind = RelaySignal.Kind.fromWire(text(o, "kind", true));
        if (kind == null) {
            throw new ClusterDecodeException("unknown relay signal kind '" + o.get("kind").asText() + "'");
        }
        return new RelaySignal(kind, text(o, "room", true), text(o, "from", true), text(o, "to", true),
                text(o, "link", true), text(o, "sdp", kind != RelaySignal.Kind.CLOSE));
    }

    private ObjectNode object(String json) throws ClusterDecodeException {
        if (json == null || json.length() > MAX_CHARS) {
            throw new ClusterDecodeException(json == null ? "no value" : "value longer than " + MAX_CHARS + " characters");
        }
        JsonNode n;
        try {
            n = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ClusterDecodeException("not valid JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw new ClusterDecodeException("not a JSON object");
        }
        return (ObjectNode) n;
    }

    private static String text(ObjectNode o, String field, boolean required) throws ClusterDecodeException {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw new ClusterDecodeException("field '" + field + "' is missing");
            }
            return null;
        }
        if (!n.isTextual()) {
            throw new ClusterDecodeException("field '" + field + "' is not a string");
        }
        return n.asText();
    }

    private static long number(ObjectNode o, String field) throws ClusterDecodeException {
        JsonNode n = o.get(field);
        if (n == null || !n.canConvertToLong() || !n.isIntegralNumber()) {
            throw new ClusterDecodeException("field '" + field + "' is missing or not an integer");
        }
        long v = n.asLong();
        if (v < 0 || v > Integer.MAX_VALUE && !"beat".equals(field) && !"seq".equals(field) && !"ttlMs".equals(field)) {
            throw new ClusterDecodeException("field '" + field + "' is out of range (got " + v + ")");
        }
        return v;
    }
}
