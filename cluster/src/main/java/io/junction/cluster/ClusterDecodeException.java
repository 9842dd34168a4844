package io.junction.cluster;

/** A directory value or channel message that is not what Junction writes; dropped and counted. */
public final class ClusterDecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    public ClusterDecodeException(String message) {
        super(message);
    }
}
