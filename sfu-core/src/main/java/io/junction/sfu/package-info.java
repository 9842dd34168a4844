/**
 * Rooms, participants, published tracks, subscriptions and the forwarding core.
 *
 * <p>Each room lives on one worker loop; everything that reads room state (the
 * {@code io.junction.sfu.view} snapshots) runs there. {@code RoomEvent}s are emitted on the room's
 * loop (room, participant, track, transport-connected events), on the joining caller's thread
 * ({@code RoomCreated}) and on transport threads ({@code TransportFailed}): the engine's
 * listener must not block. Media rights ({@code MediaRights}) are enforced in
 * {@code ServerNegotiator} (no publishing without {@code publish}) and in the room's choice of
 * tracks to offer (nothing without {@code subscribe}).
 *
 * <h2>Who owns what</h2>
 * <ul>
 * <li>{@code SfuRoom} is the single owner of the media graph: it alone publishes, unpublishes,
 *     subscribes and unsubscribes (through {@link io.junction.sfu.room.MediaGraph}), and it keeps the
 *     per-participant indexes (published tracks by mid, subscriptions by track key). Leaving and
 *     losing the media transport run one teardown ({@code SfuRoom.endMedia}).</li>
 * <li>{@code ServerNegotiator} keeps SDP state only (committed and pending session plans, the SSRCs
 *     of the tracks it sends) and answers each step with a {@code MediaPlan} (sections by kind:
 *     published tracks, received tracks with their outputs; removed tracks; sections to activate)
 *     that the room applies. It reads tracks through the read-only {@code TrackCatalog}. The
 *     section → subscription-output mapping is the pure {@code OutputPlanner}.</li>
 * <li>{@code ParticipantTransport} is the transport side of a participant: its
 *     {@link io.junction.transport.MediaTransport} (created at join with its ICE-lite session, started
 *     with the client's fingerprint and DTLS role once its first description is applied), held
 *     trickled candidates, the inbound queues to the worker, the send paths.</li>
 * <li>{@code SfuParticipant} is identity, rights and the glue from signaling threads to the room's
 *     worker.</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * Room, negotiator, plan application and send paths run on the room's worker loop. Negotiation
 * messages arrive on signaling threads and are run on the loop ({@code SfuParticipant.onLoop});
 * trickled candidates are added from the signaling thread under the candidate lock; transport
 * callbacks arrive on transport threads and only post to the loop.
 */
package io.junction.sfu;
