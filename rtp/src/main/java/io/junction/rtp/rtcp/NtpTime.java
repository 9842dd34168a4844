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

    /** NTP timestamp of a Unix time in milliseconds (era 0); same bits as {@code fromUnixMicros(ms * 1000)}. */
    public static long fromUnixMillis(long unixMillis) {
        long seconds = Math.floorDiv(unixMillis, 1000);
        long millis = Math.floorMod(unixMillis, 1000);
        return ((seconds + UNIX_EPOCH_OFFSET_SECONDS) << 32) | ((millis << 32) / 1000);
    }

    /** Unix milliseconds of an NTP timestamp in era 0 (fraction truncated to ms). */
    public static long toUnixMillis(long ntp) {
        long seconds = (ntp >>> 32) - UNIX_EPOCH_OFFSET_SECONDS;
        return seconds * 1000 + (((ntp & 0xFFFF_FFFFL) * 1000) >>> 32);
    }

    /** Milliseconds to compact NTP units of 1/65536 s (the DLSR field, RFC 3550 §6.4.1), rounded down. */
    public static long millisToShort(long millis) {
        return (millis << 16) / 1000;
    }

    /** Compact NTP units of 1/65536 s to milliseconds, rounded to nearest. */
    public static long shortToMillis(long units) {
        return (units * 1000 + 32768) >> 16;
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
