package io.junction.rtp.rtcp;

/** Picture loss indication (RFC 4585 §6.3.1): PSFB FMT=1 with no FCI. */
public final class Pli {
    /** Bytes of a PLI. */
    public static final int LENGTH = 12;

    private Pli() {
    }

    public static boolean isValid(byte[] b, int off, int len) {
        return Feedback.is(b, off, len, RtcpHeader.PSFB, RtcpHeader.FMT_PLI);
    }

    /** Writes a PLI asking {@code mediaSsrc} for a keyframe; returns 12. */
    public static int write(byte[] out, int off, long senderSsrc, long mediaSsrc) {
        return Feedback.writeFixed(out, off, RtcpHeader.PSFB, RtcpHeader.FMT_PLI, LENGTH, senderSsrc, mediaSsrc);
    }
}
