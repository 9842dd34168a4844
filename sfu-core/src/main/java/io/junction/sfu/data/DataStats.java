package io.junction.sfu.data;

/**
 * Counters of a room's data channels, a snapshot taken on the room worker.
 *
 * @param received          messages received from participants
 * @param delivered         message copies queued toward receivers
 * @param droppedUnreliable copies dropped because an unreliable receiver channel was over its buffer bound
 * @param cutOff            reliable receiver channels closed because they were over their buffer bound
 * @param tooLarge          copies dropped because the receiver's a=max-message-size is smaller
 * @param noChannel         copies not delivered: the receiver's association is not up, or no stream was free
 * @param sendFailed        copies the association refused for another reason
 * @param unknownTarget     recipients named in an addressed message that are not (other) members of the room
 * @param badEnvelope       messages on an addressed channel that did not follow its format (dropped whole)
 * @param bytesReceived     payload bytes of the messages received (text in UTF-8)
 * @param bytesDelivered    bytes of the copies queued toward receivers, envelope included
 */
public record DataStats(long received, long delivered, long droppedUnreliable, long cutOff, long tooLarge,
                        long noChannel, long sendFailed, long unknownTarget, long badEnvelope,
                        long bytesReceived, long bytesDelivered) {
    /** All zero. */
    public static final DataStats ZERO = new DataStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** The sum of two snapshots. */
    public DataStats plus(DataStats o) {
        return new DataStats(received + o.received, delivered + o.delivered, droppedUnreliable + o.droppedUnreliable,
                cutOff + o.cutOff, tooLarge + o.tooLarge, noChannel + o.noChannel, sendFailed + o.sendFailed,
                unknownTarget + o.unknownTarget, badEnvelope + o.badEnvelope, bytesReceived + o.bytesReceived,
                bytesDelivered + o.bytesDelivered);
    }

    /** Each counter the larger of the two (keeps engine totals monotonic across rooms closing). */
    public DataStats max(DataStats o) {
        return new DataStats(Math.max(received, o.received), Math.max(delivered, o.delivered),
                Math.max(droppedUnreliable, o.droppedUnreliable), Math.max(cutOff, o.cutOff),
                Math.max(tooLarge, o.tooLarge), Math.max(noChannel, o.noChannel), Math.max(sendFailed, o.sendFailed),
                Math.max(unknownTarget, o.unknownTarget), Math.max(badEnvelope, o.badEnvelope),
                Math.max(bytesReceived, o.bytesReceived), Math.max(bytesDelivered, o.bytesDelivered));
    }
}
