package io.junction.sfu.sdp;

/**
 * Size limits the parser enforces so a hostile SDP cannot make the server do unbounded work.
 * Real browser SDPs are far below them (a Chrome offer with audio + video is about 6 KiB).
 */
public final class SdpLimits {
    /** Longest accepted SDP, in characters: 64 KiB. */
    public static final int MAX_SDP_CHARS = 64 * 1024;
    /** Most m-sections in one SDP. */
    public static final int MAX_MEDIA_SECTIONS = 64;
    /** Most formats (payload types) on one m-line. */
    public static final int MAX_CODECS_PER_SECTION = 128;

    private SdpLimits() {
    }
}
