package io.junction.sfu.speaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/**
 * {@link DominantSpeakerDetector} with scripted RFC 6464 levels every 20 ms per participant,
 * on a manual clock and scheduler (no waiting).
 */
class DominantSpeakerDetectorTest {
    private static final int LOUD = 25;     // -25 dBov, with the V bit
    private static final int QUIET = 110;   // room noise, no V bit
    private final ManualScheduler scheduler = new ManualScheduler(1_000_000);
    private final List<String> changes = new ArrayList<>();
    private final List<Long> changeTimes = new ArrayList<>();
    private final DominantSpeakerDetector detector = new DominantSpeakerDetector(scheduler.clock, scheduler.scheduler,
            id -> {
                changes.add(id);
                changeTimes.add(scheduler.nowMs());
            });
    private final Random random = new Random(3);

    private static int raw(int level, boolean voice) {
        return (voice ? 0x80 : 0) | level;
    }

    /** Feeds every participant a level each 20 ms from {@code fromMs} for {@code durationMs}. */
    private void speak(long fromMs, long durationMs, Map<String, LongFunction<Integer>> levels) {
        for (long t = fromMs; t < fromMs + durationMs; t += 20) {
            scheduler.advanceTo(t);
            for (Map.Entry<String, LongFunction<Integer>> e : levels.entrySet()) {
                int level = e.getValue().apply(t);
                int jittered = Math.max(0, Math.min(127, level + random.nextInt(5) - 2));
                detector.onAudioLevel(e.getKey(), raw(jittered, level < 60));
            }
        }
        scheduler.advanceTo(fromMs + durationMs);
    }

    private static LongFunction<Integer> constant(int level) {
        return t -> level;
    }

    @Test
    void theLoudParticipantBecomesDominantWithinTwoSecondsThenTheNextOne() {
        long t0 = 1_000_000;
        speak(t0, 4_000, Map.of("a", constant(QUIET), "b", constant(QUIET), "c", constant(QUIET)));
        changes.clear();
        changeTimes.clear();
        long start = t0 + 4_000;
        speak(start, 5_000, Map.of("a", constant(QUIET), "b", constant(LOUD), "c", constant(QUIET)));
        assertEquals("b", detector.dominant(), () -> "changes " + changes);
        int first = changes.indexOf("b");
        assertTrue(first >= 0 && changeTimes.get(first) - start <= 2_000,
                () -> "b after " + (changeTimes.get(changes.indexOf("b")) - start) + " ms");

        long next = start + 5_000;
        speak(next, 5_000, Map.of("a", constant(QUIET), "b", constant(QUIET), "c", constant(LOUD)));
        assertEquals("c", detector.dominant(), () -> "changes " + changes);
        assertTrue(changeTimes.get(changes.lastIndexOf("c")) - next <= 2_000);
    }

    @Test
    void aShortCoughDoesNotTakeOver() {
        long t0 = 1_000_000;
        speak(t0, 6_000, Map.of("a", constant(LOUD), "b", constant(QUIET)));
        assertEquals("a", detector.dominant());
        changes.clear();
        // b coughs for 100 ms while a keeps talking
        speak(t0 + 6_000, 3_000, Map.of("a", constant(LOUD),
                "b", t -> t >= t0 + 7_000 && t < t0 + 7_100 ? 10 : QUIET));
        assertEquals(List.of(), changes);
        assertEquals("a", detector.dominant());
    }

    @Test
    void absentLevelsAreIgnoredAndADepartedSpeakerIsDropped() {
        detector.onAudioLevel("x", io.junction.rtp.AudioLevel.ABSENT);
        assertEquals(0, detector.levelsFed());
        long t0 = 1_000_000;
        speak(t0, 5_000, Map.of("a", constant(LOUD), "b", constant(QUIET)));
        assertEquals("a", detector.dominant());
        detector.remove("a");
        assertNull(detector.dominant());
        assertNull(changes.get(changes.size() - 1), "the listener hears that nobody dominates");
        speak(t0 + 5_000, 5_000, Map.of("b", constant(LOUD)));
        assertEquals("b", detector.dominant(), () -> "changes " + changes);
    }

    @Test
    void closedDetectorReportsNothing() {
        long t0 = 1_000_000;
        speak(t0, 3_000, Map.of("a", constant(QUIET), "b", constant(QUIET)));
        detector.close();
        changes.clear();
        speak(t0 + 3_000, 5_000, Map.of("a", constant(QUIET), "b", constant(LOUD)));
        assertEquals(List.of(), changes);
    }
}
