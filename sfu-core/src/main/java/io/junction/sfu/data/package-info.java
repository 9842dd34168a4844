/**
 * Room-wide data channels (RFC 8831, RFC 8832): {@link io.junction.sfu.data.DataRoom} relays each
 * message a participant sends on channel L to every other participant's channel L — or, on a
 * {@code junction-to} channel, only to the participants it names ({@link io.junction.sfu.data.DataAddress}) —
 * wrapped in a {@link io.junction.sfu.data.DataEnvelope} naming the sender, with a bounded buffer
 * per receiver. Application members ({@link io.junction.sfu.data.DataApplication}, registered by
 * room name in {@link io.junction.sfu.data.DataApplications}) take part without an association.
 * Runs on the room worker, like the rest of the room (see {@code io.junction.sfu.worker}); counters
 * in {@link io.junction.sfu.data.DataStats}.
 */
package io.junction.sfu.data;
