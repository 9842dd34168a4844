package io.junction.rtp.rtcp;

/**
 * 64-bit NTP timestamps (RFC 3550 §4: seconds since 1900 in the high 32 bits, binary fraction
 * in the low 32) and the round-trip computation of RFC 3550 §6.4.1 from LSR/DLSR.
 */
public final class NtpTime {
    /** Seconds from 1900-01-01 (NTP era 0) to 1970-01-01. */
    public static final long UNIX_EPOCH_OFFSET_SECONDS = 2_208_988_800L;

    private NtpTime() {
    }

    /** NTP timestamp of a Unix time in microseconds (era 0, i.e. until 2036). */
    public static long fromUnixMicros(long unixMicros) {
        long seconds = Math.floorDiv(unixMicros, 1_000_000L);
        long micros = Math.floorMod(unixMicros, 1_000_000L);
        return ((seconds + UNIX_EPOCH_OFFSET_SECONDS) << 32) | ((micros << 32) / 1_000_000L);
    }

    /** Unix time in microseconds of an NTP timestamp (era 0). */
    public static long toUnixMicros(long ntp) {
        long seconds = (ntp >>> 32) - UNIX_EPOCH_OFFSET_SECONDS;
        long micros = ((ntp & 0xFFFF_FFFFL) * 1_000_000L) >>> 32;
        return seconds * 1_000_000L + micros;
    }

    /** The middle 32 bits of an NTP timestamp: the "compact" form used by LSR (units of 1/65536 s). */
    public static long middle32(long ntp) {
        return (ntp >>> 16) & 0xFFFF_FFFFL;
    }

    /**
     * Round-trip time in microseconds from a report block (RFC 3550 §6.4.1): {@code arrival}
     * is the compact NTP time the report arrived, {@code lastSr} and {@code delaySinceLastSr}
     * its LSR and DLSR fields. Returns -1 if LSR is 0 (no SR received yet) or the result
     * would be negative (clock trouble).
     */
    public static long rttMicros(long arrivalCompact, long lastSr, long delaySinceLastSr) {
        if (lastSr == 0) {
            return -1;
        }
        long units = (arrivalCompact - lastSr - delaySinceLastSr) & 0xFFFF_FFFFL;
        if (units >= 0x8000_0000L) {
            return -1;
        }
        return units * 1_000_000L >>> 16;
    }
}
