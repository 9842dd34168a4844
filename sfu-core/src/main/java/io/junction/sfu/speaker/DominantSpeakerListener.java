package io.junction.sfu.speaker;

/** Told when the room's dominant speaker changes. */
@FunctionalInterface
public interface DominantSpeakerListener {
    /**
     * @param participantId the new dominant speaker, or null when the dominant speaker left and
     *                      nobody has taken over yet
     */
    void dominantSpeakerChanged(String participantId);
}
