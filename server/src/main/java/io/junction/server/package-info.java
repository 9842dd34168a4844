/**
 * The embedding API: {@link io.junction.server.Junction} (built with
 * {@link io.junction.server.JunctionBuilder}, then started and closed) bundles the SFU media
 * engine, the signaling endpoint, the admin JSON API and Prometheus metrics of one instance.
 *
 * <h2>Threading</h2>
 * <ul>
 * <li>{@code Junction}'s lifecycle methods are synchronized; views ({@code rooms()},
 *     {@code room()}, {@code totals()}) may be called from any thread: each room's snapshot is
 *     taken on its worker (waiting at most 2 s per room).</li>
 * <li>Room events are handed to the application's listener on one thread per instance, in the
 *     order the engine produced them, so a listener may block (later events wait; beyond
 *     10,000 queued events new ones are dropped).</li>
 * <li>The {@code Authenticator} runs on the joining socket's thread before the room is touched.</li>
 * <li>{@link io.junction.server.DataApi} callbacks (the application as a data member of a room)
 *     run on one data thread per instance, in order, so they may block (beyond 10,000 queued
 *     messages new ones are dropped and counted); its send methods may be called from any thread
 *     and complete on the room's worker.</li>
 * <li>{@link io.junction.server.MediaCallbacks} run on engine threads (often the room's worker):
 *     they must not block and must not call back into the same participant synchronously (hand
 *     the SDP to the application's signaling instead).</li>
 * </ul>
 *
 * <h2>Close cascade</h2>
 * signaling (stop admitting joins, {@code bye} to every participant, sockets closed) → own HTTP
 * server → engine (rooms → participants → transports → subscriptions; workers, DTLS threads,
 * UDP port) → event thread → data callback thread → metrics registry.
 */
package io.junction.server;
