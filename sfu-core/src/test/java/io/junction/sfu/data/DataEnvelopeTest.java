package io.junction.sfu.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DataEnvelopeTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "p1|hello|{\"from\":\"p1\",\"data\":\"hello\"}",
        "p1|''|{\"from\":\"p1\",\"data\":\"\"}",
        "a\"b|x\\y|{\"from\":\"a\\\"b\",\"data\":\"x\\\\y\"}",
        "p|é€😀|{\"from\":\"p\",\"data\":\"é€😀\"}"})
    void textEnvelopes(String from, String text, String json) {
        assertEquals(json, DataEnvelope.text(from, text));
    }

    @Test
    void controlCharactersAreEscaped() {
        assertEquals("{\"from\":\"p\",\"data\":\"a\\nb\\tc\\u0001\"}", DataEnvelope.text("p", "a\nb\tc\u0001"));
    }

    @Test
    void binaryRoundTrip() {
        byte[] m = DataEnvelope.binary("pé", new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {0, 3, 'p', (byte) 0xC3, (byte) 0xA9, 1, 2, 3}, m);
        DataEnvelope.Binary b = DataEnvelope.parseBinary(m);
        assertEquals("pé", b.from());
        assertArrayEquals(new byte[] {1, 2, 3}, b.payload());
        assertArrayEquals(new byte[0], DataEnvelope.parseBinary(DataEnvelope.binary("x", new byte[0])).payload());
    }

    @Test
    void brokenBinaryEnvelopes() {
        assertNull(DataEnvelope.parseBinary(null));
        assertNull(DataEnvelope.parseBinary(new byte[0]));
        assertNull(DataEnvelope.parseBinary(new byte[] {0}));
        assertNull(DataEnvelope.parseBinary(new byte[] {0, 5, 'a'}));
        assertNull(DataEnvelope.parseBinary(new byte[] {(byte) 0xFF, (byte) 0xFF}));
        assertNull(DataEnvelope.binary("x".repeat(DataEnvelope.MAX_ID_BYTES + 1), new byte[1]));
    }

    @Test
    void utf8Length() {
        assertEquals(0, DataParticipant.utf8Length(""));
        assertEquals(1 + 2 + 3 + 4, DataParticipant.utf8Length("aé€😀"));
    }

    @org.junit.jupiter.api.Test
    void utf8LengthMatchesTheEncoder() {
        for (String t : new String[] {"", "a", "é", "€", "😀", "a😀b", "\ud83d", "\ude00x", "x\ud83d", "\ud83d\ud83d\ude00"}) {
            org.junit.jupiter.api.Assertions.assertEquals(t.getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
                    DataEnvelope.utf8Length(t), t);
        }
    }
}
