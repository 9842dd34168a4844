package io.junction.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link AudioLevel}: RFC 6464 §3 in both RFC 8285 forms, and broken elements. */
class AudioLevelTest {
    private static final String FIXED = "90 6f 0001 00000010 00000020  # V=2 X=1, PT 111\n";

    private static RtpPacket wrap(String hex) {
        byte[] b = Hex.parse(hex);
        RtpPacket p = new RtpPacket();
        assertTrue(p.wrap(b, 0, b.length), () -> "invalid: " + p.reason());
        return p;
    }

    @Test
    void oneByteFormWithVoiceBit() {
        RtpPacket p = wrap(FIXED + """
                bede 0001    # one-byte profile, 1 word
                10 9e        # ID=1 L=0: V=1, level 30 (-30 dBov)
                00 00        # padding
                cafe
                """);
        int raw = AudioLevel.read(p, 1);
        assertEquals(0x9e, raw);
        assertEquals(30, AudioLevel.level(raw));
        assertTrue(AudioLevel.voice(raw));
    }

    @Test
    void oneByteFormSilenceWithoutVoiceBit() {
        RtpPacket p = wrap(FIXED + """
                bede 0002
                32 000102    # ID=3 L=2 (another extension)
                50 7f        # ID=5 L=0: V=0, level 127
                00 00 00
                cafe
                """);
        int raw = AudioLevel.read(p, 5);
        assertEquals(AudioLevel.SILENCE, AudioLevel.level(raw));
        assertFalse(AudioLevel.voice(raw));
    }

    @Test
    void twoByteForm() {
        RtpPacket p = wrap(FIXED + """
                1000 0001    # two-byte profile, 1 word
                01 01 85     # ID=1 L=1: V=1, level 5
                00
                cafe
                """);
        int raw = AudioLevel.read(p, 1);
        assertEquals(5, AudioLevel.level(raw));
        assertTrue(AudioLevel.voice(raw));
    }

    @Test
    void absentIdNoExtensionAndWrongLengthAreAbsent() {
        RtpPacket other = wrap(FIXED + "bede 0001  10 9e 0000  cafe");
        assertEquals(AudioLevel.ABSENT, AudioLevel.read(other, 2), "id not present");
        RtpPacket none = wrap("80 6f 0001 00000010 00000020  cafe");
        assertEquals(AudioLevel.ABSENT, AudioLevel.read(none, 1), "no extension block");
        RtpPacket twoBytes = wrap(FIXED + "bede 0001  11 9e9e 00  cafe");
        assertEquals(AudioLevel.ABSENT, AudioLevel.read(twoBytes, 1), "L=1 is not an audio level");
        RtpPacket empty = wrap(FIXED + "1000 0001  01 00 0000  cafe");
        assertEquals(AudioLevel.ABSENT, AudioLevel.read(empty, 1), "two-byte form with an empty value");
    }

    @Test
    void truncatedBlockIsAbsent() {
        // the block claims 2 words but the packet ends after one: wrap refuses it or read says absent
        byte[] b = Hex.parse(FIXED + "bede 0002  10 9e 0000");
        RtpPacket p = new RtpPacket();
        if (p.wrap(b, 0, b.length)) {
            assertEquals(AudioLevel.ABSENT, AudioLevel.read(p, 1));
        }
    }
}
