package io.junction.sfu.signal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Which of a room's published tracks a participant receives. Every participant of the WebSocket
 * protocol receives {@link #ALL} (everyone else's tracks); a WHEP viewer receives one publisher's
 * tracks ({@link Publisher}) or {@link #LATEST_VIDEO_AND_ALL_AUDIO}.
 */
public sealed interface TrackSelection {
    /** Every track of every other participant. */
    TrackSelection ALL = new All();
    /** The most recently published video track of another participant, and every other participant's audio. */
    TrackSelection LATEST_VIDEO_AND_ALL_AUDIO = new LatestVideoAndAllAudio();

    /**
     * One video and one audio output that carry the room's dominant speaker (never the receiver
     * itself), switched at keyframes with continuous numbering: for a client whose only peer is
     * the server (a classic socket.io client in an sfu room, a WHEP viewer of a room). No
     * published track is selected as such ({@link #select} gives none).
     */
    TrackSelection ACTIVE_SPEAKER = new ActiveSpeaker();

    /** Every other participant's tracks. */
    record All() implements TrackSelection {
    }

    /** Only the tracks of one publisher (by participant id). */
    record Publisher(String participantId) implements TrackSelection {
        public Publisher {
            Objects.requireNonNull(participantId, "participantId");
        }
    }

    /** The latest video track published by anyone else, plus all audio tracks of the others. */
    record LatestVideoAndAllAudio() implements TrackSelection {
    }

    /** The room's dominant speaker through two outputs that follow it (see {@link #ACTIVE_SPEAKER}). */
    record ActiveSpeaker() implements TrackSelection {
    }

    /**
     * The selected tracks, in publish order. A pure function over any track type.
     *
     * @param published every track of the room in the order it was published
     * @param publisher the publishing participant's id of a track
     * @param kind      "audio" or "video" of a track
     * @param self      the receiving participant's id (its own tracks are never selected)
     */
    default <T> List<T> select(List<T> published, Function<T, String> publisher, Function<T, String> kind,
                               String self) {
        T latestVideo = null;
        if (this instanceof LatestVideoAndAllAudio) {
            for (T t : published) {
                if (!publisher.apply(t).equals(self) && "video".equals(kind.apply(t))) {
                    latestVideo = t;
                }
            }
        }
        List<T> out = new ArrayList<>();
        for (T t : published) {
            String from = publisher.apply(t);
            if (from.equals(self)) {
                continue;
            }
            boolean take;
            if (this instanceof Publisher p) {
                take = from.equals(p.participantId());
            } else if (this instanceof LatestVideoAndAllAudio) {
                take = t == latestVideo || !"video".equals(kind.apply(t));
            } else if (this instanceof ActiveSpeaker) {
                take = false;
            } else {
                take = true;
            }
            if (take) {
                out.add(t);
            }
        }
        return out;
    }
}
