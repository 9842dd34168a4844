package io.junction.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Names with control or bidi formatting characters are refused; ordinary names (any script) pass. */
class DisplayNamesTest {
    private final SignalCodec codec = new SignalCodec(64 * 1024);

    /** name as Java escapes → index of the first forbidden character, -1 = accepted. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "ann | -1",
        "Zoë Ångström | -1",
        "名前 | -1",
        "مرحبا | -1",
        "emoji \\ud83d\\ude00 | -1",
        "a\\u200fb | -1",
        "\\u0000 | 0",
        "ann\\u0000 | 3",
        "a\\tb | 1",
        "a\\nb | 1",
        "a\\u001fb | 1",
        "a\\u007fb | 1",
        "a\\u0085b | 1",
        "a\\u009fb | 1",
        "a\\u202ab | 1",
        "evil\\u202egpj.exe | 4",
        "a\\u2066b | 1",
        "a\\u2069b | 1",
        "a\\u00a0b | -1",
    })
    void table(String escaped, int expected) throws Exception {
        String name = unescape(escaped);
        assertEquals(expected, DisplayNames.firstForbidden(name));
        String frame = "{\"type\":\"join\",\"room\":\"r\",\"name\":" + json(name) + "}";
        if (expected < 0) {
            assertEquals(name, ((SignalMessage.Join) codec.decode(frame)).name());
        } else {
            SignalDecodeException e = assertThrows(SignalDecodeException.class, () -> codec.decode(frame));
            assertEquals(ErrorCodes.BAD_MESSAGE, e.code());
            assertEquals(String.format("field 'name' must not contain control or bidirectional formatting "
                    + "characters (U+%04X at index %d)", (int) name.charAt(expected), expected), e.getMessage());
        }
    }

    private static String json(String s) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(s);
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && s.charAt(i + 1) == 'u') {
                b.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
                i += 5;
            } else if (c == '\\' && s.charAt(i + 1) == 't') {
                b.append('\t');
                i++;
            } else if (c == '\\' && s.charAt(i + 1) == 'n') {
                b.append('\n');
                i++;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
