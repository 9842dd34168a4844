/**
 * Rooms across Junction nodes (signaling only): the Redis directory of nodes, rooms and members,
 * and the per-room relay of membership and data over Redis pub/sub.
 *
 * <p>Threading: each {@link io.junction.cluster.ClusterNode} runs all its Redis work (heartbeats,
 * directory refresh, publishing, applying received events) on one thread of its own, so its
 * publications leave in the order its rooms produced them and received events are applied in the
 * order Redis delivered them. The signaling registry's hooks only queue work for that thread; the
 * per-packet media path never touches Redis. Pure decisions ({@link io.junction.cluster.Liveness},
 * {@link io.junction.cluster.SequenceCheck}) take the time as an argument; {@link io.junction.cluster.Placement}
 * decides redirects from what the cluster thread read.
 *
 * <p>Redis keys (prefix {@code junction:}): {@code node:<id>} the node record (JSON, expires after
 * the TTL unless refreshed), {@code nodes} the set of registered node ids, {@code node:<id>:rooms}
 * the rooms a node hosts, {@code room:<room>:nodes} the nodes hosting a room,
 * {@code room:<room>:members} participant id to {@code {"name","node"}}, {@code room:<room>:pin} the
 * node owning a pinned room (expires after the node TTL unless its owner refreshes it); channel
 * {@code room:<room>} carries the room's events.
 */
package io.junction.cluster;
