/**
 * The per-stream units of the forwarding core: keyframe detection ({@link io.junction.sfu.forward.KeyframeDetector}),
 * the shared {@link io.junction.sfu.forward.RetransmissionBuffer}, upstream loss recovery
 * ({@link io.junction.sfu.forward.NackGenerator}, {@link io.junction.sfu.forward.KeyframeRequester}),
 * per-subscription rewriting and decisions ({@link io.junction.sfu.forward.SequenceRewriter},
 * {@link io.junction.sfu.forward.Forwarder}), downstream NACK answers ({@link io.junction.sfu.forward.NackResponder})
 * and RTCP statistics ({@link io.junction.sfu.forward.ReceiveStats}, {@link io.junction.sfu.forward.SendStats},
 * {@link io.junction.sfu.forward.RttEstimator}).
 *
 * <h2>Threading</h2>
 * Every stateful class here belongs to one room and is touched only by that room's worker thread:
 * no locks, no volatile fields, no internal threads or timers. The worker hands in the current time
 * ({@code now}, ms from a {@link io.junction.sfu.forward.MonotonicClock}) so that tests drive time
 * explicitly. Counters are plain fields; read them on the worker (or accept stale values elsewhere).
 * The keyframe detectors and {@link io.junction.sfu.forward.Check} (NTP arithmetic is the rtp module's
 * {@link io.junction.rtp.rtcp.NtpTime})
 * are stateless and may be called from any thread.
 *
 * <h2>Allocation</h2>
 * The per-packet methods ({@code onPacket}, {@code decide}, {@code map}, {@code store}, {@code get},
 * {@code respond}, {@code collect}) allocate nothing after construction; arrays are sized by
 * options validated in the constructors. Pooled buffers follow the ownership rules written on
 * {@link io.junction.sfu.forward.RetransmissionBuffer} and {@link io.junction.sfu.forward.RetransmissionSink}.
 */
package io.junction.sfu.forward;
