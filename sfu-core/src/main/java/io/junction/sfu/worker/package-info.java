/**
 * The threads that run rooms.
 *
 * <h2>Threading model of the forwarding core</h2>
 * An {@link io.junction.sfu.worker.WorkerPool} owns a fixed number of
 * {@link io.junction.sfu.worker.WorkerLoop}s (default: one per core). Each room is pinned to one
 * loop for its whole life, and every piece of room state (participants, tracks, subscriptions,
 * NACK/keyframe/RTCP units of {@code io.junction.sfu.forward}) is touched only by that loop's
 * thread, so the per-packet path takes no locks.
 * <ul>
 *   <li>Sockets are read by ice4j's I/O thread. It decrypts (SRTP receive contexts belong to it),
 *       copies each packet into a pooled buffer and offers it to the source's
 *       {@link io.junction.sfu.worker.InboundQueue} (single producer, single consumer, fixed ring:
 *       no allocation; a full ring is a counted drop). The first packet of a batch puts the queue
 *       on its loop's ready list and unparks the loop.</li>
 *   <li>The loop drains ready queues, runs control tasks (joins, negotiation, closes — these may
 *       allocate), and calls its tickers (RTCP, NACK timers) on a fixed period.</li>
 *   <li>Sending (SRTP protect + UDP send) happens on the loop thread; the SRTP send contexts belong
 *       to it.</li>
 * </ul>
 * No thread per participant, per track or per NACK.
 */
package io.junction.sfu.worker;
