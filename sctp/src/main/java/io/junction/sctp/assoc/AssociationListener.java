package io.junction.sctp.assoc;

/** Events of an association, called on the thread that drives it. */
public interface AssociationListener {
    /** The handshake finished (RFC 9260 §5.1): messages can be sent. */
    default void onEstablished() {
    }

    /** A complete user message; {@code data} is the receiver's own copy. */
    default void onMessage(int streamId, long ppid, byte[] data) {
    }

    /** The peer reset these incoming streams (RFC 6525 §5.2.2): it closed its side. */
    default void onIncomingStreamsReset(int[] streamIds) {
    }

    /** Our reset of these outgoing streams was performed by the peer (RFC 6525 §5.2.4). */
    default void onOutgoingStreamsReset(int[] streamIds) {
    }

    /** The buffered (unacknowledged) amount of a stream went down. */
    default void onBufferedAmountDecreased(int streamId, long bufferedAmount) {
    }

    /** The association ended: shutdown, abort (either side) or failure; {@code reason} says which. */
    default void onClosed(String reason) {
    }
}
