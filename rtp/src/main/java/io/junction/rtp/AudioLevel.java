package io.junction.rtp;

/**
 * Reads the client-to-mixer audio level header extension (RFC 6464 §3): one byte, the top bit
 * {@code V} says the encoder detected voice, the low 7 bits are the level in -dBov (0 is the
 * loudest, 127 is silence / the quietest). In the one-byte form the element has L=0, in the
 * two-byte form length 1; any other length is malformed (the value is not read).
 *
 * <p>{@link #read} returns the raw byte (0..255) so the caller keeps one {@code int} and splits
 * it with {@link #level} and {@link #voice}; nothing is allocated.
 */
public final class AudioLevel {
    /** {@link #read} result when the element is absent or malformed. */
    public static final int ABSENT = -1;
    /** Quietest level (RFC 6464 §3: 127 = -127 dBov, digital silence). */
    public static final int SILENCE = 127;

    private AudioLevel() {
    }

    /** The raw element value (V bit and level), or {@link #ABSENT}. */
    public static int read(RtpPacket p, int id) {
        int v = HeaderExtensions.find(p, id);
        if (v < 0 || HeaderExtensions.valueLength(p, v) != 1) {
            return ABSENT;
        }
        return p.array()[v] & 0xFF;
    }

    /** Level in -dBov, 0 (loud) .. 127 (silent), from a raw value. */
    public static int level(int raw) {
        return raw & 0x7F;
    }

    /** The V (voice activity) flag from a raw value. */
    public static boolean voice(int raw) {
        return (raw & 0x80) != 0;
    }
}
