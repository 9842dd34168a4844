package io.junction.sfu.forward;

/** Finds the {@link RetransmissionBuffer} of a source stream (one per publisher SSRC/layer). */
@FunctionalInterface
public interface RetransmissionSource {
    /** The buffer for source {@code ssrc}, or null if the stream is unknown (gone). */
    RetransmissionBuffer bufferFor(long ssrc);
}
