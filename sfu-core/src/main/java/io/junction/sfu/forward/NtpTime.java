package io.junction.sfu.forward;

/**
 * NTP timestamp helpers for RTCP (RFC 3550 §4: 64-bit fixed point, seconds since 1900-01-01;
 * §6.4.1: LSR/DLSR use the middle 32 bits, i.e. units of 1/65536 s).
 */
public final class NtpTime {
    /** Seconds from 1900-01-01 (NTP era 0) to 1970-01-01 (Unix epoch). */
    public static final long UNIX_EPOCH_OFFSET_SECONDS = 2_208_988_800L;

    private NtpTime() {
    }

    /** The 64-bit NTP timestamp (as unsigned bits) for Unix time {@code unixMillis}. */
    public static long fromUnixMillis(long unixMillis) {
        long seconds = Math.floorDiv(unixMillis, 1000) + UNIX_EPOCH_OFFSET_SECONDS;
        long millis = Math.floorMod(unixMillis, 1000);
        long fraction = (millis << 32) / 1000;
        return (seconds << 32) | fraction;
    }

    /** Unix milliseconds for a 64-bit NTP timestamp in era 0 (fraction truncated to ms). */
    public static long toUnixMillis(long ntp) {
        long seconds = (ntp >>> 32) - UNIX_EPOCH_OFFSET_SECONDS;
        long fraction = ntp & 0xFFFFFFFFL;
        return seconds * 1000 + ((fraction * 1000) >>> 32);
    }

    /** The middle 32 bits of a 64-bit NTP timestamp (the LSR field of a report block). */
    public static long middle32(long ntp) {
        return (ntp >>> 16) & 0xFFFFFFFFL;
    }

    /** Milliseconds to units of 1/65536 s (DLSR), rounded down. */
    public static long millisToShort(long millis) {
        return (millis << 16) / 1000;
    }

    /** Units of 1/65536 s to milliseconds, rounded to nearest. */
    public static long shortToMillis(long units) {
        return (units * 1000 + 32768) >> 16;
    }
}
