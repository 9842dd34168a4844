/**
 * Layer allocation: which simulcast layer of each subscribed video a subscriber receives,
 * given its bandwidth estimate ({@link io.junction.sfu.bwe}), its preferences (tile height,
 * pause), the pinned tile and the dominant speaker. {@link io.junction.sfu.alloc.LayerAllocator}
 * is a pure function; the caller keeps the previous {@link io.junction.sfu.alloc.LayerChoice}
 * per subscription and hands it back in the next {@link io.junction.sfu.alloc.SubscriptionDemand}.
 *
 * <h2>Threading</h2>
 * Stateless and immutable: any thread. The room worker calls it after an estimate change
 * (each transport-wide feedback, rate-limited by the caller to a few times a second), a layer
 * becoming active or inactive, a preference message, or a dominant-speaker change, and then
 * asks the forwarder to switch to the chosen layer at its next keyframe. If
 * {@link io.junction.sfu.alloc.Allocation#wantedBps()} exceeds the estimate, it asks the
 * {@link io.junction.sfu.bwe.ProbePlanner} for a probe.
 */
package io.junction.sfu.alloc;
