package io.junction.sfu.forward;

import io.junction.rtp.SeqNum;

/** Extends 16-bit RTP sequence numbers against an extended reference the caller keeps. */
final class Seq16 {
    private Seq16() {
    }

    /** The 64-bit value congruent to {@code seq} mod 2^16 nearest to {@code ext} (RFC 3550 §A.1). */
    static long unwrap(long ext, int seq) {
        return ext + SeqNum.diff(seq, (int) (ext & 0xFFFF));
    }
}
