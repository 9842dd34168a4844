/**
 * Rooms across Junction nodes: the Redis directory of nodes, rooms and members, the per-room
 * relay of membership and data over Redis pub/sub, and the media relay links between nodes.
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
 * {@code room:<room>} carries the room's events; channel {@code node:<id>:relay} carries the
 * relay-link negotiation messages for node {@code id} ({@link io.junction.cluster.RelaySignal}).
 *
 * <h2>Media relay links</h2>
 * In an {@code sfu} room with participants on nodes A and B, each node sends its LOCAL
 * publishers' media to the other over one link per direction ({@link io.junction.cluster.RelayLinks}):
 * a publisher's stream crosses the A→B hop once whatever the number of its subscribers on B.
 * <ul>
 *   <li><b>Which links</b>: each node keeps, for every room with a local participant, the other
 *   nodes with participants in it ({@link io.junction.cluster.ClusterNode#roomPeers()}, from the
 *   room's members and events); the relay thread compares that with its open links every 200 ms.
 *   A wants a link A→B for room r when r has an sfu media session on A and B has members of r.</li>
 *   <li><b>Sending end</b> (on A): a subscribe-only participant {@code relay.A.B.<n>} of the local
 *   sfu room joined through the engine with {@code Reception.RELAY}: it is offered every track
 *   published on A and never a track that itself arrived over a link (no loops, whatever the
 *   number of nodes). Its transport is the engine's ICE-lite port with DTLS-SRTP, as for any
 *   client; the server's offers are published to B as {@code offer} messages, B's answers come
 *   back as {@code answer}.</li>
 *   <li><b>Receiving end</b> (on B): a client peer (full ICE agent, DTLS client, as the Java
 *   client module) answers the offers ({@code ClientSdp.answer}: every sending section received)
 *   and connects to A's media port. {@link io.junction.cluster.RelayOffer} reads the offer's
 *   sending sections as remote tracks, attributed by their msid to the real publisher (so
 *   subscribers on B see {@code a-p1} as the stream id, never the link), and an
 *   {@code io.junction.sfu.RelayInbound} of B's room publishes them as local sources. Local
 *   subscribers on B subscribe to them as to any track.</li>
 *   <li><b>RTCP across the hop</b>: B's subscribers' NACKs are answered from B's own
 *   retransmission buffer; packets missing on the hop are NACKed by B's track over the link and
 *   answered from A's buffer by the relay participant's subscription (RTX when negotiated); a
 *   subscriber's PLI on B becomes B's track's keyframe request over the link, which A's relay
 *   subscription turns into a PLI to the publisher. B sends receiver reports over the link.</li>
 *   <li><b>Lifecycle</b>: a link closes when its room no longer has participants on both nodes,
 *   when either end fails (ICE/DTLS; a {@code close} message tells the other end) or on refusal
 *   (no sfu room on the receiving node: retried after 2 s). A re-opened link has a new id; the
 *   receiving end replaces the old one of the same room and sender.</li>
 *   <li><b>Trust</b>: Redis is trusted in this design. The offer and answer carry the DTLS
 *   fingerprints, so whoever can publish on a node's relay channel can make it connect its media
 *   to an arbitrary address, or receive a room's media. Deploy Redis on a private network with
 *   authentication (and TLS, {@code rediss://}) reachable by the nodes only; the media itself is
 *   DTLS-SRTP encrypted end to end of the hop, and only keys pinned by the exchanged fingerprints
 *   are accepted.</li>
 * </ul>
 * Not built yet: simulcast layer selection across the hop (the link subscribes like a client:
 * it receives one layer, the allocator's choice for it), transport-wide congestion control on the
 * link, ICE restart of a link (a failed link is closed and re-opened instead), lip sync across the
 * hop (A's sender reports are not forwarded).
 */
package io.junction.cluster;
