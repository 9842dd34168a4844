/**
 * Dominant (active) speaker identification from the RFC 6464 audio-level header extension:
 * {@link io.junction.sfu.speaker.DominantSpeakerDetector}, one per room, and
 * {@link io.junction.sfu.speaker.TickScheduler}, which runs the detector's decisions on the
 * room's worker from its tick.
 *
 * <h2>Wiring</h2>
 * When a publisher's audio section negotiated
 * {@code urn:ietf:params:rtp-hdrext:ssrc-audio-level}, the room gives the track that id
 * ({@code PublishedTrack.setAudioLevelExtensionId}); the per-packet path reads the element before
 * the forwarding remaps extension ids and keeps the loudest level of the window in a field (no
 * allocation, no lock). Every 20 ms the room's tick hands each audio track's level to the detector
 * (jitsi-utils allocates a little per call, so it is not called per packet) and runs due
 * decisions; changes reach the room on its worker, which emits
 * {@code RoomEvent.DominantSpeakerChanged} and tells every participant through
 * {@code NegotiationSink.dominantSpeaker} (signaling's {@code speaker} message). On leave or lost
 * media: {@code detector.remove(id)}; on room close: {@code detector.close()}.
 */
package io.junction.sfu.speaker;
