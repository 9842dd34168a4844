package io.junction.sfu.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Addressed messages: the two formats, round trips and broken input. */
class DataAddressTest {
    @Test
    void textForms() {
        DataAddress.Addressed a = DataAddress.parseText("{\"to\":\"p2\",\"data\":\"hi\"}");
        assertEquals(List.of("p2"), a.to());
        assertEquals("hi", a.text());
        a = DataAddress.parseText(" { \"data\" : \"x\\\"\\u00e9\\n\" , \"to\" : [ \"a-p1\" , \"p3\" ] } ");
        assertEquals(List.of("a-p1", "p3"), a.to());
        assertEquals("x\"é\n", a.text());
        a = DataAddress.parseText("{\"data\":\"room\"}");
        assertTrue(a.roomWide());
        assertTrue(DataAddress.parseText("{\"to\":[],\"data\":\"\"}").roomWide());
        String built = DataAddress.text(List.of("p\"1", "p2"), "tab\there");
        a = DataAddress.parseText(built);
        assertEquals(List.of("p\"1", "p2"), a.to());
        assertEquals("tab\there", a.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "hello", "{", "{}", "{\"to\":\"p2\"}", "{\"data\":1}", "{\"data\":\"x\",\"x\":\"y\"}",
        "{\"data\":\"x\",\"data\":\"y\"}", "{\"to\":\"\",\"data\":\"x\"}", "{\"to\":[\"a\",],\"data\":\"x\"}",
        "{\"to\":[\"a\" \"b\"],\"data\":\"x\"}", "{\"to\":[1],\"data\":\"x\"}", "{\"data\":\"x\"} x",
        "{\"data\":\"x\\q\"}", "{\"data\":\"x\\u12\"}", "{\"data\":\"x\\u12zz\"}", "{\"data\":\"a\nb\"}",
        "{\"data\":\"x\"", "{\"data\":\"x", "[\"data\"]", "{\"data\" \"x\"}", "{\"to\":null,\"data\":\"x\"}"})
    void brokenText(String s) {
        assertNull(DataAddress.parseText(s), s);
    }

    @Test
    void tooManyTextTargets() {
        List<String> ids = Collections.nCopies(DataAddress.MAX_TARGETS + 1, "p");
        assertNull(DataAddress.parseText(DataAddress.text(ids, "x")));
        assertNotNull(DataAddress.parseText(DataAddress.text(ids.subList(0, DataAddress.MAX_TARGETS), "x")));
        assertNull(DataAddress.parseText(null));
    }

    @Test
    void binaryRoundTrip() {
        byte[] payload = {1, 2, 3};
        byte[] m = DataAddress.binary(List.of("p2", "é"), payload);
        assertArrayEquals(new byte[] {2, 0, 2, 'p', '2', 0, 2, (byte) 0xC3, (byte) 0xA9, 1, 2, 3}, m);
        DataAddress.Addressed a = DataAddress.parseBinary(m);
        assertEquals(List.of("p2", "é"), a.to());
        assertArrayEquals(payload, a.binary());
        a = DataAddress.parseBinary(new byte[] {0, 9});
        assertTrue(a.roomWide());
        assertArrayEquals(new byte[] {9}, a.binary());
        assertArrayEquals(new byte[0], DataAddress.parseBinary(new byte[] {0}).binary());
        assertNull(DataAddress.binary(Collections.nCopies(256, "p"), payload));
        assertNull(DataAddress.binary(List.of("x".repeat(70_000)), payload));
    }

    @Test
    void brokenBinary() {
        byte[][] broken = {null, {}, {1}, {1, 0}, {1, 0, 0, 'x'}, {1, 0, 3, 'a', 'b'}, {2, 0, 1, 'a'}, {2, 0, 1, 'a', 0}};
        for (byte[] b : broken) {
            assertNull(DataAddress.parseBinary(b), java.util.Arrays.toString(b));
        }
    }
}
