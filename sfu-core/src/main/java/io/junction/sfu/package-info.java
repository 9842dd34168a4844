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
 */
package io.junction.sfu;
