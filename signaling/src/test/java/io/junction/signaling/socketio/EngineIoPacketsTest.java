package io.junction.signaling.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Engine.IO v4 packets a client may send, and the malformed ones the front refuses. */
class EngineIoPacketsTest {
    @Test
    void wellFormedPackets() {
        for (String p : new String[] {"1", "2probe", "3", "3probe", "5", "6", "40", "42[\"join\",\"r\"]"}) {
            assertNull(EngineIoPackets.problem(p), p);
        }
        assertNull(EngineIoPackets.payloadProblem("42[\"a\"]\u001e42[\"b\"]\u001e3"));
    }

    @Test
    void malformedPackets() {
        assertEquals("empty Engine.IO packet", EngineIoPackets.problem(""));
        assertEquals("empty socket.io packet", EngineIoPackets.problem("4"));
        assertEquals("binary Engine.IO packets are not used by this server", EngineIoPackets.problem("bAAEC"));
        assertEquals("unknown Engine.IO packet type '0'", EngineIoPackets.problem("0{}"));
        assertEquals("unknown Engine.IO packet type '7'", EngineIoPackets.problem("7"));
        assertEquals("unknown Engine.IO packet type 'x'", EngineIoPackets.problem("x"));
        assertEquals("unknown Engine.IO packet type '\\u0'", EngineIoPackets.problem("\u0000"));
        // payloads: an empty record anywhere, a trailing separator, one bad packet among good ones
        assertEquals("empty Engine.IO packet", EngineIoPackets.payloadProblem(""));
        assertEquals("empty Engine.IO packet", EngineIoPackets.payloadProblem("42[\"a\"]\u001e"));
        assertEquals("empty Engine.IO packet", EngineIoPackets.payloadProblem("\u001e42[\"a\"]"));
        assertEquals("unknown Engine.IO packet type '9'", EngineIoPackets.payloadProblem("3\u001e9\u001e3"));
    }
}
