package io.junction.sfu.forward;

/** Receives the sequence numbers a {@link NackGenerator} wants NACKed now, in increasing order. */
@FunctionalInterface
public interface NackSink {
    /** @param seq a 16-bit RTP sequence number of the source stream */
    void nack(int seq);
}
