/**
 * The forwarding core of one room: {@link io.junction.sfu.room.PublishedTrack} (receive once,
 * store once, NACK and keyframe requests upstream), {@link io.junction.sfu.room.Subscription}
 * (one pooled copy per subscriber with SSRC, payload type, sequence number, timestamp and
 * extension-id rewriting, NACK answers from the shared buffer), and per-participant RTCP
 * termination ({@link io.junction.sfu.room.ParticipantMedia}).
 *
 * <p>Everything here runs on the room's worker thread (see {@code io.junction.sfu.worker}); no
 * locks, no allocation per packet once pools are warm.
 */
package io.junction.sfu.room;
