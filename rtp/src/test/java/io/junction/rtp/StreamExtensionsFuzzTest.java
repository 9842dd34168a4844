package io.junction.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.junction.rtp.SdesExtension.Kind;

/**
 * Fuzz test of {@link AudioLevel} and {@link SdesExtension} on arbitrary packets. Property: no
 * exception, an audio level is absent or one byte, a found rid/mid is inside the packet and
 * valid, and {@link SdesExtension#readString} agrees with {@link SdesExtension#find}.
 */
class StreamExtensionsFuzzTest {
    private static final int[] IDS = {1, 3, 4, 10, 11, 14, 15, 200};

    @FuzzTest
    void readExtensions(byte[] input) {
        RtpPacket p = new RtpPacket();
        if (!p.wrap(input, 0, input.length)) {
            return;
        }
        for (int id : IDS) {
            int raw = AudioLevel.read(p, id);
            assertTrue(raw == AudioLevel.ABSENT || raw >= 0 && raw <= 255);
            for (Kind kind : Kind.values()) {
                int v = SdesExtension.find(p, id, kind);
                String s = SdesExtension.readString(p, id, kind);
                if (v < 0) {
                    assertEquals(null, s);
                    continue;
                }
                int len = HeaderExtensions.valueLength(p, v);
                assertTrue(v >= p.offset() && v + len <= p.payloadOffset(), "value inside the header");
                assertTrue(SdesExtension.isValid(input, v, len, kind));
                assertEquals(len, s.length());
                assertTrue(SdesExtension.equalsAscii(p, id, kind, s.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            }
        }
    }
}
