package io.junction.signaling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;

/**
 * Turns text frames into {@link SignalMessage.Client} records (or a typed
 * {@link SignalDecodeException}) and {@link SignalMessage.Server} records into text frames.
 * Unknown extra fields are ignored; a missing or wrongly typed required field is
 * {@code bad-message} naming the field. Thread-safe.
 */
public final class SignalCodec {
    /** Room names: 1–64 characters of {@code [A-Za-z0-9_.-]}. */
    public static final Pattern ROOM_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    /** Longest display name, in characters. */
    public static final int MAX_NAME_CHARS = 64;
    /** Longest chat text, in UTF-8 bytes (4 KiB). */
    public static final int MAX_CHAT_BYTES = 4096;

    private final ObjectMapper mapper;
    private final int maxFrameBytes;

    /** @param maxFrameBytes frames longer than this (UTF-8 bytes) are {@code too-large}; at least 1 */
    public SignalCodec(int maxFrameBytes) {
        if (maxFrameBytes < 1) {
            throw new IllegalArgumentException("maxFrameBytes must be >= 1 (got " + maxFrameBytes + ")");
        }
        this.maxFrameBytes = maxFrameBytes;
        this.mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    /** A fresh empty JSON object, for building {@code data}. */
    public ObjectNode newObject() {
        return mapper.createObjectNode();
    }

    /** Decodes one client frame. */
    public SignalMessage.Client decode(String frame) throws SignalDecodeException {
        if (Utf8.length(frame) > maxFrameBytes) {
            throw new SignalDecodeException(ErrorCodes.TOO_LARGE,
                    "frame is larger than " + maxFrameBytes + " bytes", null);
        }
        JsonNode root;
        try {
            root = mapper.readTree(frame);
        } catch (JsonProcessingException e) {
            throw new SignalDecodeException(ErrorCodes.BAD_JSON, "not valid JSON: " + e.getOriginalMessage(), null);
        }
        if (root == null || root.isMissingNode()) {
            throw new SignalDecodeException(ErrorCodes.BAD_JSON, "empty frame", null);
        }
        if (!root.isObject()) {
            throw badMessage("a frame must be a JSON object", null);
        }
        ObjectNode obj = (ObjectNode) root;
        JsonNode typeNode = obj.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            throw badMessage("field 'type' is missing or not a string", null);
        }
        String type = typeNode.asText();
        switch (type) {
            case "join":
                return new SignalMessage.Join(room(obj, type), name(obj, type), optionalString(obj, "token", type),
                        optionalFlag(obj, "offerFirst", type));
            case "leave":
                return new SignalMessage.Leave(room(obj, type));
            case "message":
                return message(obj, type);
            default:
                throw badMessage("unknown type (in ref, truncated to " + MAX_ECHO_CHARS + " characters)",
                        truncate(type));
        }
    }

    private SignalMessage.Message message(ObjectNode obj, String type) throws SignalDecodeException {
        String room = room(obj, type);
        String to = optionalString(obj, "to", type);
        JsonNode data = obj.get("data");
        if (data == null || !data.isObject()) {
            throw badMessage("field 'data' is missing or not an object", type);
        }
        JsonNode dataType = data.get("type");
        if (dataType == null || !dataType.isTextual()) {
            throw badMessage("field 'data.type' is missing or not a string", type);
        }
        if ("chat".equals(dataType.asText())) {
            JsonNode text = data.get("text");
            if (text == null || !text.isTextual()) {
                throw badMessage("field 'data.text' is missing or not a string", type);
            }
            if (Utf8.length(text.asText()) > MAX_CHAT_BYTES) {
                throw badMessage("field 'data.text' is longer than " + MAX_CHAT_BYTES + " bytes", type);
            }
        }
        return new SignalMessage.Message(room, (ObjectNode) data, to);
    }

    private static String room(ObjectNode obj, String type) throws SignalDecodeException {
        JsonNode room = obj.get("room");
        if (room == null || !room.isTextual()) {
            throw badMessage("field 'room' is missing or not a string", type);
        }
        String name = room.asText();
        if (!ROOM_NAME.matcher(name).matches()) {
            throw badMessage("field 'room' must be 1-64 characters of [A-Za-z0-9_.-]", type);
        }
        return name;
    }

    private static String name(ObjectNode obj, String type) throws SignalDecodeException {
        String name = optionalString(obj, "name", type);
        if (name == null) {
            return "";
        }
        if (name.length() > MAX_NAME_CHARS) {
            throw badMessage("field 'name' is longer than " + MAX_NAME_CHARS + " characters", type);
        }
        int bad = DisplayNames.firstForbidden(name);
        if (bad >= 0) {
            throw badMessage(String.format("field 'name' must not contain control or bidirectional formatting "
                    + "characters (U+%04X at index %d)", (int) name.charAt(bad), bad), type);
        }
        return name;
    }

    /** An optional boolean field: false when absent or null; anything but a JSON boolean is refused. */
    private static boolean optionalFlag(ObjectNode obj, String field, String type) throws SignalDecodeException {
        JsonNode node = obj.get(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw badMessage("field '" + field + "' must be a boolean", type);
        }
        return node.booleanValue();
    }

    private static String optionalString(ObjectNode obj, String field, String type) throws SignalDecodeException {
        JsonNode node = obj.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw badMessage("field '" + field + "' is not a string", type);
        }
        return node.asText();
    }

    /** Longest client-supplied value echoed back (in {@code ref}); longer ones are cut. */
    static final int MAX_ECHO_CHARS = 32;

    /** {@code value} cut to {@link #MAX_ECHO_CHARS} characters (never splitting a surrogate pair). */
    static String truncate(String value) {
        if (value == null || value.length() <= MAX_ECHO_CHARS) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(MAX_ECHO_CHARS - 1)) ? MAX_ECHO_CHARS - 1 : MAX_ECHO_CHARS;
        return value.substring(0, end);
    }

    static SignalDecodeException badMessage(String message, String ref) {
        return new SignalDecodeException(ErrorCodes.BAD_MESSAGE, message, ref);
    }

    /** Encodes one server message as a text frame. */
    public String encode(SignalMessage.Server message) {
        ObjectNode o = mapper.createObjectNode();
        o.put("type", message.type());
        if (message instanceof SignalMessage.Joined) {
            SignalMessage.Joined m = (SignalMessage.Joined) message;
            o.put("room", m.room()).put("id", m.id()).put("userNum", m.userNum());
            ArrayNode peers = o.putArray("peers");
            for (SignalMessage.Peer p : m.peers()) {
                peers.addObject().put("id", p.id()).put("name", p.name());
            }
            o.put("mode", m.mode().wireName());
            ArrayNode ice = o.putArray("iceServers");
            for (SignalMessage.IceServer s : m.iceServers()) {
                ObjectNode entry = ice.addObject();
                ArrayNode urls = entry.putArray("urls");
                s.urls().forEach(urls::add);
                if (s.username() != null) {
                    entry.put("username", s.username());
                }
                if (s.credential() != null) {
                    entry.put("credential", s.credential());
                }
            }
        } else if (message instanceof SignalMessage.OtherJoin) {
            SignalMessage.OtherJoin m = (SignalMessage.OtherJoin) message;
            o.put("room", m.room()).put("id", m.id()).put("name", m.name()).put("userNum", m.userNum());
        } else if (message instanceof SignalMessage.Full) {
            SignalMessage.Full m = (SignalMessage.Full) message;
            o.put("room", m.room()).put("userNum", m.userNum());
            if (m.reason() != null) {
                o.put("reason", m.reason());
            }
        } else if (message instanceof SignalMessage.Leaved) {
            o.put("room", ((SignalMessage.Leaved) message).room());
        } else if (message instanceof SignalMessage.Redirect) {
            SignalMessage.Redirect m = (SignalMessage.Redirect) message;
            o.put("room", m.room()).put("url", m.url()).put("reason", m.reason());
        } else if (message instanceof SignalMessage.Bye) {
            SignalMessage.Bye m = (SignalMessage.Bye) message;
            o.put("room", m.room()).put("id", m.id()).put("userNum", m.userNum());
        } else if (message instanceof SignalMessage.Speaker) {
            SignalMessage.Speaker m = (SignalMessage.Speaker) message;
            o.put("room", m.room()).put("id", m.id());
        } else if (message instanceof SignalMessage.Relayed) {
            SignalMessage.Relayed m = (SignalMessage.Relayed) message;
            o.put("room", m.room()).put("from", m.from()).set("data", m.data());
        } else {
            SignalMessage.ErrorMessage m = (SignalMessage.ErrorMessage) message;
            o.put("code", m.code()).put("message", m.message());
            if (m.ref() != null) {
                o.put("ref", truncate(m.ref()));
            }
        }
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + message.type(), e);
        }
    }
}
