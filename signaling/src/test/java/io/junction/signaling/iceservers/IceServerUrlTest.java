package io.junction.signaling.iceservers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Table tests of STUN/TURN URL validation (RFC 7064 §3.1, RFC 7065 §3.1). */
class IceServerUrlTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // url                                     | scheme | host               | port  | transport | canonical text
        "stun:stun.example.org                     | stun   | stun.example.org   | -1    | -   | stun:stun.example.org",
        "stun:127.0.0.1:3478                       | stun   | 127.0.0.1          | 3478  | -   | stun:127.0.0.1:3478",
        "STUN:[::1]:19302                          | stun   | [::1]              | 19302 | -   | stun:[::1]:19302",
        "turn:turn.example.org                     | turn   | turn.example.org   | -1    | -   | turn:turn.example.org",
        "turn:198.18.0.1:3478?transport=udp        | turn   | 198.18.0.1         | 3478  | udp | turn:198.18.0.1:3478?transport=udp",
        "turn:198.18.0.1?transport=TCP             | turn   | 198.18.0.1         | -1    | tcp | turn:198.18.0.1?transport=tcp",
        "turns:turn.example.org:443?transport=tcp  | turns  | turn.example.org   | 443   | tcp | turns:turn.example.org:443?transport=tcp",
        "turns:[2001:db8::1]:5349                  | turns  | [2001:db8::1]      | 5349  | -   | turns:[2001:db8::1]:5349",
        "turn:a-b.c-d.example.                     | turn   | a-b.c-d.example.   | -1    | -   | turn:a-b.c-d.example.",
        "stun:h:1                                  | stun   | h                  | 1     | -   | stun:h:1",
        "stun:h:65535                              | stun   | h                  | 65535 | -   | stun:h:65535",
    })
    void acceptsAndCanonicalizes(String url, String scheme, String host, int port, String transport, String text) {
        IceServerUrl u = IceServerUrl.parse("--ice-servers", url);
        assertEquals(new IceServerUrl(scheme, host, port, transport), u);
        assertEquals(text, u.text());
        assertEquals(u, IceServerUrl.parse("--ice-servers", u.text()), "the canonical text parses to the same URL");
        assertEquals(!scheme.equals("stun"), u.isTurn());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // url (quoted where it has spaces or is empty)   | what the message says
        "''                                          | empty",
        "stun.example.org                            | no scheme",
        "http://example.org                          | scheme 'http'",
        "stuns:stun.example.org                      | scheme 'stuns'",
        "turn://turn.example.org                     | no '//'",
        "stun:                                       | no host",
        "turn::3478                                  | no host",
        "stun:host:                                  | port ''",
        "stun:host:0                                 | port 0 is not in 1..65535",
        "stun:host:65536                             | port 65536 is not in 1..65535",
        "stun:host:123456                            | port '123456'",
        "stun:host:-1                                | port '-1'",
        "stun:host:34x                               | port '34x'",
        "stun:host?transport=udp                     | takes no query",
        "turn:host?transport=sctp                    | transport must be udp or tcp",
        "turn:host?foo=bar                           | the only query allowed",
        "turn:host?transport=udp&x=1                 | transport must be udp or tcp",
        "'turn:host name'                            | space",
        "turn:user@host                              | character '@'",
        "turn:host/path                              | character '/'",
        "turn:host%41                                | character '%'",
        "turn:ho_st                                  | character '_'",
        "turn:-host                                  | starting or ending with '-'",
        "turn:a..b                                   | empty label",
        "turn:.                                      | empty label",
        "turn:1.2.3                                  | not an IPv4 address",
        "turn:1.2.3.256                              | not an IPv4 address",
        "turn:1.2.3.4.                               | not an IPv4 address",
        "turn:[::1                                   | closing ']'",
        "turn:[]:3478                                | is not an IPv6 address",
        "turn:[fe80::1%eth0]                         | is not an IPv6 address",
        "turn:[::1]x                                 | unexpected 'x'",
        "turn:[::1]:                                 | port ''",
        "turn:h:1:2                                  | port '1:2'",
        "'turn:caf\u00e9'                            | non-ASCII",
    })
    void refusesNamingTheOption(String url, String says) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IceServerUrl.parse("--ice-servers", url));
        assertTrue(e.getMessage().startsWith("--ice-servers: "), e.getMessage());
        assertTrue(e.getMessage().contains(says), e.getMessage());
        assertTrue(e.getMessage().contains("expected stun:HOST[:PORT]"), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void refusesNullAndOverlongAndLongLabels() {
        assertThrows(IllegalArgumentException.class, () -> IceServerUrl.parse("o", null));
        String longUrl = "turn:" + "a.".repeat(300) + "b";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IceServerUrl.parse("o", longUrl));
        assertTrue(e.getMessage().contains("longer than 512"), e.getMessage());
        assertTrue(e.getMessage().length() < 400, "a long value is shortened in the message");
        String longLabel = "turn:" + "a".repeat(64) + ".example";
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IceServerUrl.parse("o", longLabel))
                .getMessage().contains("longer than 63"));
        String longName = "turn:" + ("a".repeat(60) + ".").repeat(5);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IceServerUrl.parse("o", longName))
                .getMessage().contains("longer than 253"));
    }
}
