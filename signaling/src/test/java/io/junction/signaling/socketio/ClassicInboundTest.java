package io.junction.signaling.socketio;

import static io.junction.signaling.socketio.ClassicDialect.CODELAB;
import static io.junction.signaling.socketio.ClassicDialect.OBJECT;
import static io.junction.signaling.socketio.ClassicDialect.POSITIONAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/** Classic events as the room engine sees them: one row per dialect shape and per refusal. */
class ClassicInboundTest {
    private static final ClassicInbound.Credentials NONE = ClassicInbound.Credentials.NONE;

    private static ClassicInbound.Decision decode(ClassicDialect d, String room, String event, Object... args) {
        return ClassicInbound.decode(d, room, event, args, NONE);
    }

    private static void frame(ClassicInbound.Decision d, ClassicDialect dialect, String json) {
        assertEquals(dialect, d.dialect());
        assertNull(d.code(), d.message());
        assertEquals(new JSONObject(json).toMap(), new JSONObject(d.frame()).toMap());
    }

    private static void rejected(ClassicInbound.Decision d, String code, String messagePart) {
        assertNull(d.frame());
        assertEquals(code, d.code());
        assertEquals(true, d.message().contains(messagePart), d.message());
    }

    @Test
    void joinLikeEventsDetectTheDialect() {
        frame(decode(null, null, "join", "r1"), POSITIONAL, "{\"type\":\"join\",\"room\":\"r1\"}");
        frame(decode(null, null, "join", new JSONObject("{\"roomId\":\"r1\"}")), OBJECT,
                "{\"type\":\"join\",\"room\":\"r1\"}");
        frame(decode(null, null, "join", 42), POSITIONAL, "{\"type\":\"join\",\"room\":\"42\"}");
        frame(decode(null, null, "create or join", "r1"), CODELAB, "{\"type\":\"join\",\"room\":\"r1\"}");
        frame(decode(null, null, "join", new JSONObject("{\"roomId\":\"r1\",\"name\":\"ann\",\"token\":\"t\"}")), OBJECT,
                "{\"type\":\"join\",\"room\":\"r1\",\"name\":\"ann\",\"token\":\"t\"}");
    }

    @Test
    void handshakeCredentialsGoIntoTheJoin() {
        ClassicInbound.Decision d = ClassicInbound.decode(null, null, "join", new Object[] {"r1"},
                new ClassicInbound.Credentials("bob", "secret"));
        frame(d, POSITIONAL, "{\"type\":\"join\",\"room\":\"r1\",\"name\":\"bob\",\"token\":\"secret\"}");
    }

    @Test
    void badJoinsAndASecondDialectAreRefused() {
        rejected(decode(null, null, "join"), "bad-message", "join needs");
        rejected(decode(null, null, "join", true), "bad-message", "join needs");
        rejected(decode(null, null, "join", 1.5), "bad-message", "join needs");
        rejected(decode(null, null, "join", new JSONObject("{\"room\":\"r1\"}")), "bad-message", "{roomId}");
        rejected(decode(null, null, "create or join", new JSONObject()), "bad-message", "'create or join' needs");
        rejected(decode(POSITIONAL, "r1", "join", new JSONObject("{\"roomId\":\"r2\"}")), "bad-message",
                "speaks the positional dialect");
        rejected(decode(OBJECT, null, "create or join", "r2"), "bad-message", "speaks the object dialect");
    }

    @Test
    void messagesCarryTheRoomAndWrapNonObjectData() {
        frame(decode(POSITIONAL, "r1", "message", "r1", new JSONObject("{\"type\":\"offer\",\"sdp\":\"v=0\"}")),
                POSITIONAL, "{\"type\":\"message\",\"room\":\"r1\",\"data\":{\"type\":\"offer\",\"sdp\":\"v=0\"}}");
        frame(decode(POSITIONAL, "r1", "message", "r1", "got user media"), POSITIONAL,
                "{\"type\":\"message\",\"room\":\"r1\",\"data\":{\"type\":\"classic\",\"value\":\"got user media\"}}");
        frame(decode(OBJECT, "r1", "message", new JSONObject("{\"roomId\":\"r1\",\"data\":{\"candidate\":\"c\"}}")),
                OBJECT, "{\"type\":\"message\",\"room\":\"r1\",\"data\":{\"type\":\"classic\",\"value\":{\"candidate\":\"c\"}}}");
        frame(decode(CODELAB, "r1", "message", "bye"), CODELAB,
                "{\"type\":\"message\",\"room\":\"r1\",\"data\":{\"type\":\"classic\",\"value\":\"bye\"}}");
        frame(decode(POSITIONAL, "r1", "message", "r1", null), POSITIONAL,
                "{\"type\":\"message\",\"room\":\"r1\",\"data\":{\"type\":\"classic\",\"value\":null}}");
    }

    @Test
    void badMessagesAreRefused() {
        rejected(decode(null, null, "message", "r1", "x"), "not-in-room", "not in a room");
        rejected(decode(CODELAB, null, "message", "x"), "not-in-room", "not in a room");
        rejected(decode(POSITIONAL, "r1", "message", "x"), "bad-message", "(room, data)");
        rejected(decode(POSITIONAL, "r1", "message", true, "x"), "bad-message", "room name");
        rejected(decode(OBJECT, "r1", "message", new JSONObject("{\"roomId\":\"r1\"}")), "bad-message", "{roomId, data}");
        rejected(decode(OBJECT, "r1", "message", "r1", "x"), "bad-message", "{roomId, data}");
        rejected(decode(CODELAB, "r1", "message"), "bad-message", "(msg)");
    }

    @Test
    void leaveAndOtherEvents() {
        frame(decode(POSITIONAL, "r1", "leave", "r1"), POSITIONAL, "{\"type\":\"leave\",\"room\":\"r1\"}");
        frame(decode(OBJECT, "r1", "leave", new JSONObject("{\"roomId\":\"r1\"}")), OBJECT,
                "{\"type\":\"leave\",\"room\":\"r1\"}");
        frame(decode(CODELAB, "r1", "leave"), CODELAB, "{\"type\":\"leave\",\"room\":\"r1\"}");
        rejected(decode(null, null, "leave", "r1"), "not-in-room", "not in a room");
        rejected(decode(OBJECT, "r1", "leave", "r1"), "bad-message", "{roomId}");
        ClassicInbound.Decision bye = decode(CODELAB, "r1", "bye");
        assertNull(bye.frame());
        assertNull(bye.code());
        rejected(decode(POSITIONAL, "r1", "bye"), "bad-message", "unknown event 'bye'");
        rejected(decode(null, null, "x".repeat(100)), "bad-message", "x".repeat(64) + "...");
    }
}
