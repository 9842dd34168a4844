package io.junction.sfu.sdp;

import java.util.Optional;

/**
 * The H.264 {@code profile-level-id} fmtp parameter (RFC 6184 section 8.1): three bytes,
 * profile_idc, profile_iop (the constraint flags) and level_idc, as six hex digits.
 *
 * <p>Offer/answer (RFC 6184 section 8.2.2): a configuration matches when profile_idc and
 * profile_iop are equal; the level may differ and the answer uses the lower of the offered level
 * and the answerer's own. Levels are compared by level_idc; the "level 1b" encoding (level_idc 11
 * with constraint_set3) is not special-cased, which only matters for level 1.1 versus 1b.
 */
public record H264ProfileLevelId(int profileIdc, int profileIop, int levelIdc) {

    /** RFC 6184 section 8.1: the value when the parameter is absent (Baseline, level 1.0). */
    public static final H264ProfileLevelId DEFAULT = new H264ProfileLevelId(0x42, 0x00, 0x0a);

    public H264ProfileLevelId {
        if (profileIdc < 0 || profileIdc > 255 || profileIop < 0 || profileIop > 255 || levelIdc < 0 || levelIdc > 255) {
            throw new IllegalArgumentException("profile-level-id bytes must be 0-255");
        }
    }

    /** Parses six hex digits; empty when malformed. */
    public static Optional<H264ProfileLevelId> parse(String hex) {
        if (hex == null || hex.length() != 6) {
            return Optional.empty();
        }
        try {
            int v = Integer.parseInt(hex, 16);
            return Optional.of(new H264ProfileLevelId(v >> 16, (v >> 8) & 0xff, v & 0xff));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The profile-level-id of an H264 codec's fmtp ({@link #DEFAULT} when absent); empty when malformed. */
    public static Optional<H264ProfileLevelId> of(Codec codec) {
        String value = codec.fmtpParams().get("profile-level-id");
        return value == null ? Optional.of(DEFAULT) : parse(value);
    }

    /** True when profile_idc and profile_iop are equal (the level is negotiable). */
    public boolean sameProfile(H264ProfileLevelId other) {
        return profileIdc == other.profileIdc && profileIop == other.profileIop;
    }

    /** This profile with the lower of the two levels. */
    public H264ProfileLevelId withLowerLevel(H264ProfileLevelId other) {
        return new H264ProfileLevelId(profileIdc, profileIop, Math.min(levelIdc, other.levelIdc));
    }

    /** Six lower-case hex digits. */
    public String toHex() {
        return String.format("%02x%02x%02x", profileIdc, profileIop, levelIdc);
    }
}
