package io.junction.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CandidateTest {
    @Test
    void parsesHostCandidateWithAndWithoutPrefixAndRoundTrips() {
        String v = "1 1 udp 2122260223 127.0.0.1 5000 typ host generation 0 network-id 1";
        Candidate a = Candidate.parse("candidate:" + v);
        Candidate b = Candidate.parse(v);
        assertEquals(a, b);
        assertEquals("1", a.foundation());
        assertEquals(1, a.component());
        assertEquals("udp", a.transport());
        assertEquals(2122260223L, a.priority());
        assertEquals("127.0.0.1", a.address());
        assertEquals(5000, a.port());
        assertEquals("host", a.type());
        assertEquals("0", a.extensions().get("generation"));
        assertEquals(v, a.toSdpValue());
        assertEquals("candidate:" + v, a.toJsepString());
    }

    @Test
    void parsesRelatedAddressAndUppercaseTransport() {
        Candidate c = Candidate.parse("candidate:842163049 1 UDP 1677729535 203.0.113.7 61665 typ srflx "
                + "raddr 10.0.0.2 rport 61665");
        assertEquals("udp", c.transport());
        assertEquals("10.0.0.2", c.relatedAddress());
        assertEquals(61665, c.relatedPort());
        assertEquals(c, Candidate.parse(c.toSdpValue()));
    }

    @Test
    void hostPriorityFollowsRfc8445() {
        assertEquals(2130706431L, Candidate.priority(126, 65535, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "candidate:",
        "1 1 udp 2122260223 127.0.0.1 5000 typ",                 // truncated: no type
        "1 1 udp 2122260223 127.0.0.1 5000 host",                // truncated
        "1 1 udp 2122260223 127.0.0.1 5000 type host",           // 'typ' misspelt
        "1 0 udp 2122260223 127.0.0.1 5000 typ host",            // component 0
        "1 257 udp 2122260223 127.0.0.1 5000 typ host",          // component too big
        "1 1 udp 0 127.0.0.1 5000 typ host",                     // priority 0
        "1 1 udp 4294967296 127.0.0.1 5000 typ host",            // priority > 2^32-1
        "1 1 udp -5 127.0.0.1 5000 typ host",                    // negative priority
        "1 1 udp 12x 127.0.0.1 5000 typ host",                   // not a number
        "1 1 udp 99999999999999999999 127.0.0.1 5000 typ host",  // overflow
        "1 1 udp 2122260223 127.0.0.1 65536 typ host",           // port too big
        "1 1 udp 2122260223 127.0.0.1 5000 typ bogus",           // unknown type
        "f!o 1 udp 2122260223 127.0.0.1 5000 typ host",          // foundation outside ice-char
        "1 1 udp 2122260223 127.0.0.1 5000 typ host generation", // extension without value
        "1 1 udp 2122260223 127.0.0.1 5000 typ srflx raddr 1.2.3.4 rport 70000",
    })
    void badInputThrowsIllegalArgumentWithMessage(String bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Candidate.parse(bad));
        assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
    }

    @Test
    void controlCharactersInsideTheValueAreRejectedAndPrintingIsCanonical() {
        // found by CandidateFuzzTest: a line feed inside a token survived parse and printed as an SDP line break
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Candidate.parse(
                "candidate:1 1 udp 2130706431 127.0.0.1 9 typ host x y\na=ice-pwd:forged 1"));
        assertTrue(e.getMessage().contains("control character 0xa"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Candidate.parse("1 1 udp 1 127.0.0.1 9 typ host k v\u0000"
                + " generation 0"));
        Candidate c = Candidate.parse("1 1 udp 1 127.0.0.1 9 typ host\r\n"); // line ends are trimmed
        assertEquals("1 1 udp 1 127.0.0.1 9 typ host", c.toSdpValue());
        Candidate wide = Candidate.parse("1 1 udp 1 127.0.0.1 9 typ host k v\u2003 raddr 10.0.0.1");
        assertEquals(wide, Candidate.parse(wide.toSdpValue()), "non-ASCII spaces are token characters, not separators");
    }

    @Test
    void nullThrowsIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> Candidate.parse(null));
    }

    @ParameterizedTest
    @CsvSource({"abc,0123456789012345678901", "abcd,short", "ab:c,0123456789012345678901"})
    void credentialsAreValidated(String ufrag, String pwd) {
        assertThrows(IllegalArgumentException.class, () -> new IceCredentials(ufrag, pwd));
    }

    @Test
    void randomCredentialsAreValid() {
        IceCredentials c = IceCredentials.random();
        assertEquals(c, new IceCredentials(c.ufrag(), c.password()));
        assertTrue(c.ufrag().length() >= 4 && c.password().length() >= 22);
        assertTrue(!c.toString().contains(c.password()));
    }
}
