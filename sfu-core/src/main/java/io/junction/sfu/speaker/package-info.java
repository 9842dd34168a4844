/**
 * Dominant (active) speaker identification from the RFC 6464 audio-level header extension:
 * {@link io.junction.sfu.speaker.DominantSpeakerDetector}, one per room.
 *
 * <h2>Wiring (for the integrator)</h2>
 * On the room worker, for each audio RTP packet from a publisher whose session negotiated
 * {@code urn:ietf:params:rtp-hdrext:ssrc-audio-level}:
 * {@code detector.onAudioLevel(participantId, AudioLevel.read(packet, extId))} before the
 * extension ids are remapped for forwarding. On leave: {@code detector.remove(id)}; on room
 * close: {@code detector.close()}. Construct it with the room's clock (a
 * {@link java.time.Clock}) and a {@link java.util.concurrent.ScheduledExecutorService} whose
 * tasks run on the room's worker, so the listener (send the dominant-speaker message, re-run
 * allocation with the new speaker) runs there too.
 */
package io.junction.sfu.speaker;
