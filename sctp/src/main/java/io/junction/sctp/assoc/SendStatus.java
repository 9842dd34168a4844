package io.junction.sctp.assoc;

/** What became of a message handed to {@link Association#send}. */
public enum SendStatus {
    /** Queued for transmission. */
    OK,
    /** The send buffer limit ({@link AssociationOptions#sendBufferLimit()}) would be exceeded. */
    QUEUE_FULL,
    /** Larger than {@link AssociationOptions#maxMessageSize()}. */
    TOO_LARGE,
    /** Zero-length message: SCTP cannot carry one (RFC 9260 §3.3.1); DCEP uses PPID 56/57. */
    EMPTY,
    /** Stream id at or above the negotiated outbound stream count. */
    INVALID_STREAM,
    /** The association is not established (or is shutting down). */
    NOT_OPEN
}
