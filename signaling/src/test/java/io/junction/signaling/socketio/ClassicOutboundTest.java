package io.junction.signaling.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/** Server frames as each classic dialect receives them (the table of docs/PROTOCOL.md). */
class ClassicOutboundTest {
    private static final String JOINED_1 = "{\"type\":\"joined\",\"room\":\"r\",\"id\":\"p1\",\"userNum\":1,\"peers\":[],"
            + "\"mode\":\"p2p\",\"iceServers\":[]}";
    private static final String JOINED_2 = JOINED_1.replace("\"userNum\":1", "\"userNum\":2");
    private static final String OTHERJOIN = "{\"type\":\"otherjoin\",\"room\":\"r\",\"id\":\"p2\",\"name\":\"\",\"userNum\":2}";
    private static final String FULL = "{\"type\":\"full\",\"room\":\"r\",\"userNum\":2}";
    private static final String LEAVED = "{\"type\":\"leaved\",\"room\":\"r\"}";
    private static final String BYE = "{\"type\":\"bye\",\"room\":\"r\",\"id\":\"p2\",\"userNum\":1}";
    private static final String OFFER = "{\"type\":\"message\",\"room\":\"r\",\"from\":\"p2\",\"data\":{\"type\":\"offer\",\"sdp\":\"v=0\"}}";
    private static final String WRAPPED = "{\"type\":\"message\",\"room\":\"r\",\"from\":\"p2\",\"data\":{\"type\":\"classic\",\"value\":\"hi\"}}";
    private static final String ERROR = "{\"type\":\"error\",\"code\":\"too-large\",\"message\":\"m\",\"ref\":\"message\"}";

    private static ClassicOutbound out(ClassicDialect d) {
        ClassicOutbound o = new ClassicOutbound("sock1");
        o.dialect(d);
        return o;
    }

    /** The one event of a frame as "event arg1 arg2" with JSON objects in their text form. */
    private static String one(ClassicOutbound o, String frame) {
        List<ClassicOutbound.Emit> emits = o.translate(frame);
        assertEquals(1, emits.size(), emits.toString());
        StringBuilder s = new StringBuilder(emits.get(0).event());
        for (Object a : emits.get(0).args()) {
            s.append(' ').append(a instanceof JSONObject j ? canonical(j) : a);
        }
        return s.toString();
    }

    private static String canonical(JSONObject j) {
        return new java.util.TreeMap<>(j.toMap()).toString();
    }

    @Test
    void positional() {
        ClassicOutbound o = out(ClassicDialect.POSITIONAL);
        assertEquals("joined r p1", one(o, JOINED_1));
        assertEquals("r", o.room());
        assertEquals("otherjoin r p2", one(o, OTHERJOIN));
        assertEquals("message r {sdp=v=0, type=offer}", one(o, OFFER));
        assertEquals("message r hi", one(o, WRAPPED));
        assertEquals("bye r p2", one(o, BYE));
        assertEquals("leaved r p1", one(o, LEAVED));
        assertNull(o.room());
        assertEquals("full r sock1", one(o, FULL));
    }

    @Test
    void object() {
        ClassicOutbound o = out(ClassicDialect.OBJECT);
        assertEquals("joined {roomId=r, userNum=2}", one(o, JOINED_2));
        assertEquals("otherjoined {roomId=r, userId=p2}", one(o, OTHERJOIN));
        assertEquals("message {sdp=v=0, type=offer}", one(o, OFFER));
        assertEquals("message hi", one(o, WRAPPED));
        assertEquals("bye {roomId=r, userId=p2}", one(o, BYE));
        assertEquals("leaved {roomId=r}", one(o, LEAVED));
        assertEquals("full {roomId=r, userNum=2}", one(o, FULL));
    }

    @Test
    void codelab() {
        ClassicOutbound first = out(ClassicDialect.CODELAB);
        assertEquals("created r p1", one(first, JOINED_1));
        assertEquals("join r", one(first, OTHERJOIN));
        assertEquals("message hi", one(first, WRAPPED));
        assertEquals("bye r p2", one(first, BYE));
        assertEquals("joined r p1", one(out(ClassicDialect.CODELAB), JOINED_2));
        assertEquals("full r", one(out(ClassicDialect.CODELAB), FULL));
    }

    @Test
    void errorsAreErrorEventsInEveryDialectAndBeforeOne() {
        assertEquals("error {code=too-large, message=m, ref=message}", one(new ClassicOutbound("s"), ERROR));
        for (ClassicDialect d : ClassicDialect.values()) {
            assertEquals("error {code=too-large, message=m, ref=message}", one(out(d), ERROR));
        }
    }

    @Test
    void aByeNamingItselfEndsTheRoom() {
        ClassicOutbound o = out(ClassicDialect.POSITIONAL);
        one(o, JOINED_1);
        assertEquals("bye r p1", one(o, "{\"type\":\"bye\",\"room\":\"r\",\"id\":\"p1\",\"userNum\":0}"));
        assertNull(o.room());
    }

    @Test
    void unwrapIsTheInverseOfWrap() {
        for (Object v : new Object[] {"s", 3, true, null, new org.json.JSONArray("[1,2]"), new JSONObject("{\"a\":1}")}) {
            Object back = ClassicOutbound.unwrap(ClassicInbound.wrap(v));
            assertEquals(String.valueOf(v), String.valueOf(back));
        }
        JSONObject typed = new JSONObject("{\"type\":\"answer\",\"sdp\":\"x\"}");
        assertEquals(typed, ClassicInbound.wrap(typed));
        assertEquals(typed, ClassicOutbound.unwrap(typed));
    }
}
