package io.junction.sfu.speaker;

import io.junction.rtp.AudioLevel;
import java.time.Clock;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import org.jitsi.utils.dsi.DominantSpeakerIdentification;

/**
 * Dominant speaker identification for one room from the RFC 6464 audio levels its publishers
 * send, using jitsi-utils' {@link DominantSpeakerIdentification} (the Volfin–Cohen algorithm:
 * speech activity scores over immediate, medium and long windows, a speaker switch when a
 * challenger beats the current speaker on all three). That class takes levels 0..127 where
 * higher is louder, so a packet's RFC 6464 level (0 loudest .. 127 silence, -dBov) is fed as
 * {@code 127 - level}.
 *
 * <p>Time and threads are injected: the algorithm reads {@code clock} and runs its decision
 * every 300 ms as a task on {@code executor}; changes are reported to the listener on that
 * executor's thread. Give it an executor that runs tasks on the room's worker so the listener
 * touches room state on the right thread. jitsi-utils has no way to remove a speaker: a
 * participant who leaves is forgotten here (its levels are ignored, and if it was dominant the
 * listener hears null); inside the algorithm its levels decay to silence, so anyone who
 * speaks takes over. After {@link #close()} nothing more is reported.
 *
 * <p>A participant that has sent nothing but digital silence (level 127) is never reported as
 * the dominant speaker: jitsi-utils names the first participant it hears even when the whole
 * room is silent, and a page would highlight someone who never made a sound. The first
 * participant with a louder level can take over as usual.
 */
public final class DominantSpeakerDetector {
    private final DominantSpeakerIdentification<String> dsi;
    private final DominantSpeakerListener listener;
    private final Set<String> present = new HashSet<>();
    /** Participants that sent a level louder than digital silence at least once. */
    private final Set<String> heard = new HashSet<>();
    private final Object lock = new Object();
    private String dominant;
    /** The algorithm's own choice, which may be a participant not yet heard. */
    private String chosen;
    private boolean closed;
    private long levelsFed;
    private long changesIgnored;

    public DominantSpeakerDetector(Clock clock, ScheduledExecutorService executor, DominantSpeakerListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.dsi = new DominantSpeakerIdentification<>(Objects.requireNonNull(clock, "clock"),
                Objects.requireNonNull(executor, "executor"));
        dsi.addActiveSpeakerChangedListener(this::changed);
    }

    /**
     * One audio packet's level from {@code participantId}: {@code raw} is
     * {@link AudioLevel#read}'s result ({@link AudioLevel#ABSENT} is ignored).
     */
    public void onAudioLevel(String participantId, int raw) {
        if (raw == AudioLevel.ABSENT) {
            return;
        }
        boolean nowDominant = false;
        synchronized (lock) {
            if (closed) {
                return;
            }
            present.add(participantId);
            if (AudioLevel.level(raw) < AudioLevel.SILENCE && heard.add(participantId)
                    && participantId.equals(chosen) && !participantId.equals(dominant)) {
                // the algorithm chose it while it was still silent: report it now that it made a sound
                dominant = participantId;
                nowDominant = true;
            }
        }
        levelsFed++;
        if (nowDominant) {
            listener.dominantSpeakerChanged(participantId);
        }
        dsi.levelChanged(participantId, AudioLevel.SILENCE - AudioLevel.level(raw));
    }

    /** The participant left the room. */
    public void remove(String participantId) {
        boolean wasDominant;
        synchronized (lock) {
            present.remove(participantId);
            heard.remove(participantId);
            wasDominant = !closed && participantId.equals(dominant);
            if (wasDominant) {
                dominant = null;
            }
        }
        if (wasDominant) {
            listener.dominantSpeakerChanged(null);
        }
    }

    private void changed(String id) {
        synchronized (lock) {
            chosen = id;
            if (closed || id == null || !present.contains(id) || !heard.contains(id) || id.equals(dominant)) {
                changesIgnored++;
                return;
            }
            dominant = id;
        }
        listener.dominantSpeakerChanged(id);
    }

    /** The current dominant speaker, or null. */
    public String dominant() {
        synchronized (lock) {
            return dominant;
        }
    }

    /** Stops reporting; the algorithm's decision task ends by itself once levels stop. */
    public void close() {
        synchronized (lock) {
            closed = true;
            present.clear();
            heard.clear();
        }
    }

    public long levelsFed() {
        return levelsFed;
    }
}
