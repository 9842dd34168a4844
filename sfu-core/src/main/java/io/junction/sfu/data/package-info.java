/**
 * Room-wide data channels (RFC 8831, RFC 8832): {@link io.junction.sfu.data.DataRoom} relays each
 * message a participant sends on channel L to every other participant's channel L, wrapped in a
 * {@link io.junction.sfu.data.DataEnvelope} naming the sender, with a bounded buffer per receiver.
 * Runs on the room worker, like the rest of the room (see {@code io.junction.sfu.worker}).
 */
package io.junction.sfu.data;
