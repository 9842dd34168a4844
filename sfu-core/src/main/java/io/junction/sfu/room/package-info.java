/**
 * The forwarding core of one room: {@link io.junction.sfu.room.PublishedTrack} (receive once,
 * store once, NACK and keyframe requests upstream), {@link io.junction.sfu.room.Subscription}
 * (one pooled copy per subscriber with SSRC, payload type, sequence number, timestamp and
 * extension-id rewriting, NACK answers from the shared buffer),
 * {@link io.junction.sfu.room.FollowingOutput} (one outgoing SSRC that carries several tracks in
 * turn: the active speaker's video or audio, switched at keyframes with continuous numbering), and
 * per-participant RTCP termination ({@link io.junction.sfu.room.ParticipantMedia}).
 *
 * <h2>Bandwidth toward each participant</h2>
 * {@link io.junction.sfu.room.SubscriberBandwidth} sits between a participant's subscriptions and
 * its transport: it stamps the transport-wide sequence number on every RTP packet and feeds the
 * send-side estimator; {@link io.junction.sfu.room.BandwidthAllocation} turns the estimate into
 * a layer cap per simulcast subscription ({@link io.junction.sfu.room.Subscription#setLayerCap})
 * and probes before up-switches with RTX padding ({@link io.junction.sfu.room.PaddingProbe}).
 *
 * <p>Everything here runs on the room's worker thread (see {@code io.junction.sfu.worker}); no
 * locks, no allocation per packet once pools are warm.
 *
 * <h2>Ownership of the graph</h2>
 * Who forwards to whom is changed only through {@link io.junction.sfu.room.MediaGraph}, held by the
 * room ({@code SfuRoom.publish/unpublish/subscribe/unsubscribe}, and the room's {@code SpeakerFeeds} for
 * {@link io.junction.sfu.room.MediaGraph#follow follow}/{@link io.junction.sfu.room.MediaGraph#unfollow unfollow}).
 * {@link io.junction.sfu.room.ParticipantMedia}
 * and {@link io.junction.sfu.room.PublishedTrack} expose their track and subscription lists as
 * read-only views (created once, no copy per call); their mutators are package-private. The
 * per-packet path ({@code PublishedTrack.onRtp} → {@code Subscription.forward} → {@code MediaSender})
 * walks the backing lists by index: no iterator, no lookup, no lock.
 */
package io.junction.sfu.room;
