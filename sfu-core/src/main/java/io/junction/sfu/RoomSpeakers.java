package io.junction.sfu;

import io.junction.rtp.AudioLevel;
import io.junction.sfu.room.PublishedTrack;
import io.junction.sfu.speaker.DominantSpeakerDetector;
import io.junction.sfu.speaker.DominantSpeakerListener;
import io.junction.sfu.speaker.TickScheduler;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * A room's dominant speaker: one {@link DominantSpeakerDetector} fed from the room's tick. The
 * per-packet path only keeps each audio track's loudest RFC 6464 level in a field
 * ({@link PublishedTrack#takeAudioLevel}); every {@link #FEED_INTERVAL_MS} the tick hands one
 * level per audio track to the detector (the algorithm counts 20 ms frames, one per Opus
 * packet), then runs the detector's due decisions. Everything runs on the room's worker, so the
 * listener (the room) hears changes there. Room worker thread only.
 */
final class RoomSpeakers {
    /** One level per audio track per 20 ms, the frame length the algorithm's windows assume. */
    static final long FEED_INTERVAL_MS = 20;

    private final TickScheduler scheduler;
    private final DominantSpeakerDetector detector;
    private long nextFeed;

    RoomSpeakers(LongSupplier nowMs, DominantSpeakerListener listener) {
        this.scheduler = new TickScheduler(nowMs);
        this.detector = new DominantSpeakerDetector(scheduler.clock, scheduler, listener);
    }

    /** From the room's tick: feeds the levels read since the last feed and runs due decisions. */
    void tick(long now, List<PublishedTrack> tracks) {
        if (now >= nextFeed) {
            nextFeed = now + FEED_INTERVAL_MS;
            for (int i = 0; i < tracks.size(); i++) {
                PublishedTrack t = tracks.get(i);
                int raw = t.takeAudioLevel();
                if (raw != AudioLevel.ABSENT) {
                    detector.onAudioLevel(t.source().publisherId(), raw);
                }
            }
        }
        scheduler.runDue(now);
    }

    /** The participant left the room (or lost its media). */
    void remove(String participantId) {
        detector.remove(participantId);
    }

    /** The current dominant speaker, or null. */
    String dominant() {
        return detector.dominant();
    }

    long levelsFed() {
        return detector.levelsFed();
    }

    void close() {
        detector.close();
        scheduler.shutdown();
    }
}
