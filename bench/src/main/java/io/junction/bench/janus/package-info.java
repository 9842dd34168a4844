/**
 * Janus side by side: the bench's participants ({@link io.junction.bench.janus.JanusPeer}, the same media side
 * as Junction's Java client) join a Janus VideoRoom through Janus's HTTP API ({@link io.junction.bench.janus.JanusApi})
 * instead of Junction's signaling, so one bench command measures both servers with identical load.
 * {@link io.junction.bench.janus.JanusProcess} spawns Janus with a generated configuration (HTTP transport and
 * VideoRoom only, ICE-lite, a fixed number of shared media threads); {@code bench/janus-side-by-side.sh} runs both
 * inside a network namespace (Janus gathers no candidates on loopback).
 *
 * <p>Threading: signaling (room creation, join, publish/subscribe, start) runs on the bench thread that creates
 * the participant, with one long-poll thread per API session completing the asynchronous replies; media runs on
 * the client transport's threads as for Junction's participants.
 */
package io.junction.bench.janus;
