package io.junction.signaling.whip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code application/trickle-ice-sdpfrag} bodies (RFC 8840 section 9, RFC 9725 section 4.3). */
class SdpFragTest {

    @Test
    void trickleFragmentOfRfc9725Shape() throws Exception {
        SdpFrag f = SdpFrag.parse("""
                a=ice-options:trickle ice2\r
                a=group:BUNDLE 0 1\r
                m=audio 9 UDP/TLS/RTP/SAVPF 111\r
                a=mid:0\r
                a=ice-ufrag:EsAw\r
                a=ice-pwd:bP+XJMM09aR8AiX1jdukzR6Y\r
                a=candidate:1387637174 1 udp 2122260223 192.0.2.1 61764 typ host generation 0 ufrag EsAw\r
                a=candidate:3471623853 1 udp 2122194687 198.51.100.2 61765 typ host generation 0 ufrag EsAw\r
                a=end-of-candidates\r
                """);
        assertEquals("EsAw", f.ufrag());
        assertEquals("bP+XJMM09aR8AiX1jdukzR6Y", f.pwd());
        assertEquals(2, f.candidates().size());
        SdpFrag.Candidate c = f.candidates().get(0);
        assertTrue(c.value().startsWith("candidate:1387637174 1 udp"), c.value());
        assertEquals("0", c.mid());
        assertEquals(0, c.mLineIndex());
        assertTrue(f.endOfCandidates());
    }

    @Test
    void lfLineEndingsSessionLevelCredentialsAndUnknownAttributes() throws Exception {
        SdpFrag f = SdpFrag.parse("a=ice-ufrag:abcd\na=ice-pwd:0123456789012345678901\na=x-unknown:1\n"
                + "a=candidate:1 1 udp 1 127.0.0.1 5000 typ host");
        assertEquals("abcd", f.ufrag());
        assertEquals(1, f.candidates().size());
        assertNull(f.candidates().get(0).mid());
        assertEquals(-1, f.candidates().get(0).mLineIndex());
        assertEquals(false, f.endOfCandidates());
    }

    @Test
    void emptyBodyIsAnEmptyFragment() throws Exception {
        SdpFrag f = SdpFrag.parse("");
        assertNull(f.ufrag());
        assertEquals(List.of(), f.candidates());
    }

    @Test
    void brokenInputIsRefusedWithTheLineAndReason() {
        String[][] rows = {
                {"hello", "line 1: not an SDP line"},
                {"a=mid:0", "line 1: a=mid before any m= line"},
                {"v=0", "line 1: only a= and m= lines"},
                {"m=text 9 x", "line 1: m= must name audio, video or application"},
                {"a=ice-ufrag:ab", "line 1: a=ice-ufrag must be 4-256 ice-chars"},
                {"a=ice-ufrag:ab!d", "line 1: a=ice-ufrag has a character outside ice-char"},
                {"a=ice-pwd:short", "line 1: a=ice-pwd must be 22-256 ice-chars"},
                {"a=candidate:", "line 1: a=candidate without a value"},
                {"a=ice-options:x\r\na=cand\u0000idate:1", "line 2: control character 0x0"},
                {"a=" + "x".repeat(SdpFrag.MAX_LINE_CHARS), "line 1: longer than 1024"},
                {"a=x\n".repeat(SdpFrag.MAX_LINES + 1), "line 257: more than 256 lines"},
                {"a=candidate:1 1 udp 1 127.0.0.1 5000 typ host\n".repeat(SdpFrag.MAX_CANDIDATES + 1),
                        "line 65: more than 64 candidates"},
        };
        for (String[] row : rows) {
            SdpFrag.ParseException e = assertThrows(SdpFrag.ParseException.class, () -> SdpFrag.parse(row[0]),
                    row[0]);
            assertTrue(e.getMessage().startsWith(row[1]), row[1] + " <> " + e.getMessage());
        }
    }
}
