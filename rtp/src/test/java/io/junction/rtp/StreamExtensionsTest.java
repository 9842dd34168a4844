package io.junction.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.junction.rtp.SdesExtension.Kind;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** {@link AudioLevel} (RFC 6464) and {@link SdesExtension} (RFC 8852 rid, RFC 8843 mid) on annotated bytes. */
class StreamExtensionsTest {
    private static final String FIXED = "90 6f 0001 00000000 11223344  # V=2 X=1, PT 111, seq 1, ts 0, SSRC\n";

    private static RtpPacket wrap(String annotated) {
        byte[] b = Hex.parse(FIXED + annotated);
        RtpPacket p = new RtpPacket();
        assertTrue(p.wrap(b, 0, b.length), () -> "invalid: " + p.reason());
        return p;
    }

    /** Chrome's audio packet: one-byte form, audio level id 1, mid id 4 ("0"). */
    private static final String AUDIO = """
            bede 0001    # one-byte profile, 1 word
            10 a8        # ID=1 L=0: V=1, level 0x28 = 40 (-40 dBov)
            40 30        # ID=4 L=0: mid "0"
            """;

    @Test
    void readsAudioLevelAndVoiceFlag() {
        RtpPacket p = wrap(AUDIO);
        int raw = AudioLevel.read(p, 1);
        assertEquals(0xa8, raw);
        assertEquals(40, AudioLevel.level(raw));
        assertTrue(AudioLevel.voice(raw));
        assertEquals("0", SdesExtension.readString(p, 4, Kind.MID));
    }

    @Test
    void silentLevelWithoutVoiceInTwoByteForm() {
        RtpPacket p = wrap("""
                1000 0001    # two-byte profile, 1 word
                01 01 7f     # ID=1 len 1: V=0, level 127
                00           # padding
                """);
        int raw = AudioLevel.read(p, 1);
        assertEquals(AudioLevel.SILENCE, AudioLevel.level(raw));
        assertFalse(AudioLevel.voice(raw));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "absent id                   | bede 0001 | 20 a8 00 00",
            "wrong length (L=1)          | bede 0001 | 11 a8 00 00",
            "two-byte form, empty value  | 1000 0001 | 01 00 00 00",
            "two-byte form, 2 bytes      | 1000 0001 | 01 02 a8 00",
            "element overruns the block  | bede 0001 | 00 00 00 13",
            "not an RFC 8285 profile     | abcd 0001 | 10 a8 00 00",
    })
    void brokenAudioLevelIsAbsent(String name, String header, String data) {
        assertEquals(AudioLevel.ABSENT, AudioLevel.read(wrap(header + " " + data), 1), name);
    }

    /** Chrome's simulcast video packet: mid id 4, rid id 10, one-byte form. */
    private static final String VIDEO = """
            bede 0002    # one-byte profile, 2 words
            40 31        # ID=4 L=0: mid "1"
            a0 66        # ID=10 L=0: rid "f"
            b1 72 30     # ID=11 L=1: repaired rid "r0"
            00           # padding
            """;

    @Test
    void readsMidRidAndRepairedRid() {
        RtpPacket p = wrap(VIDEO);
        assertEquals("1", SdesExtension.readString(p, 4, Kind.MID));
        assertEquals("f", SdesExtension.readString(p, 10, Kind.RID));
        assertEquals("r0", SdesExtension.readString(p, 11, Kind.REPAIRED_RID));
        assertTrue(SdesExtension.equalsAscii(p, 10, Kind.RID, bytes("f")));
        assertFalse(SdesExtension.equalsAscii(p, 10, Kind.RID, bytes("h")));
        assertFalse(SdesExtension.equalsAscii(p, 10, Kind.RID, bytes("ff")));
        assertTrue(SdesExtension.equalsAscii(p, 11, Kind.REPAIRED_RID, bytes("r0")));
        assertNull(SdesExtension.readString(p, 12, Kind.RID), "absent id");
    }

    @Test
    void longRidInTwoByteForm() {
        RtpPacket p = wrap("""
                1000 0005                            # two-byte profile, 5 words
                0a 11 6c6f772d7265736f6c7574696f6e5f31 32  # ID=10 len 17: "low-resolution_12"
                00                                   # padding
                """);
        assertEquals("low-resolution_12", SdesExtension.readString(p, 10, Kind.RID));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "rid with a space            | RID | bede 0001 | a1 61 20 00",
            "rid with a NUL terminator   | RID | bede 0001 | a1 61 00 00",
            "rid with a dot              | RID | bede 0001 | a1 61 2e 00",
            "rid with a high byte        | RID | bede 0001 | a0 e9 00 00",
            "empty rid (two-byte form)   | RID | 1000 0001 | 0a 00 00 00",
            "rid overruns the block      | RID | bede 0001 | a5 61 62 63",
            "mid with a space            | MID | bede 0001 | a1 61 20 00",
            "mid with a quote            | MID | bede 0001 | a0 22 00 00",
            "mid overruns the block      | MID | 1000 0001 | 0a 09 61 62",
    })
    void brokenValuesAreAbsent(String name, Kind kind, String header, String data) {
        RtpPacket p = wrap(header + " " + data);
        assertEquals(-1, SdesExtension.find(p, 10, kind), name);
        assertNull(SdesExtension.readString(p, 10, kind), name);
        assertFalse(SdesExtension.equalsAscii(p, 10, kind, bytes("a")), name);
    }

    @Test
    void midAllowsTokenPunctuationThatRidDoesNot() {
        byte[] v = bytes("audio.0~x");
        assertTrue(SdesExtension.isValid(v, 0, v.length, Kind.MID));
        assertFalse(SdesExtension.isValid(v, 0, v.length, Kind.RID));
        assertFalse(SdesExtension.isValid(v, 0, 0, Kind.MID), "empty");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
