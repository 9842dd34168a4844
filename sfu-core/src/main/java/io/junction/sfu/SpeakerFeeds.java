package io.junction.sfu;

import io.junction.sfu.room.FollowingOutput;
import io.junction.sfu.room.MediaGraph;
import io.junction.sfu.room.PublishedTrack;
import io.junction.sfu.room.Subscription;
import io.junction.sfu.sdp.Codec;
import io.junction.sfu.sdp.PlannedSection;
import io.junction.sfu.sdp.SendTrack;
import io.junction.sfu.sdp.SourceSsrcs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The speaker-following outputs of a room ({@link io.junction.sfu.signal.TrackSelection.ActiveSpeaker}):
 * for each participant that receives them, one video and one audio {@link FollowingOutput} in
 * one MediaStream ({@link #STREAM_ID}) that carry the room's dominant speaker (never the
 * participant itself: while it speaks, the previous other speaker stays). Which track each output
 * carries is decided here ({@link #choose}, a pure function) and changed through the room's
 * {@link MediaGraph} only; the room calls in when the speaker or the tracks change and on every
 * tick. Room worker thread only.
 */
final class SpeakerFeeds {
    /** The msid stream of both outputs: one MediaStream, so {@code event.streams[0]} plays the conversation. */
    static final String STREAM_ID = "junction-speaker";
    private static final String PREFIX = "speaker:";
    /** The codecs the outputs carry: the browsers' mandatory ones (RFC 7742 §5, RFC 7874 §3). */
    static final Codec VIDEO_CODEC = new Codec(96, "VP8", 90000, 0, "", List.of("nack", "nack pli", "ccm fir"));
    static final Codec AUDIO_CODEC = new Codec(111, "opus", 48000, 2, "minptime=10;useinbandfec=1", List.of());

    private final MediaGraph graph;
    private final EngineContext ctx;
    private final TrackCatalog catalog;
    private final Map<SfuParticipant, List<FollowingOutput>> byParticipant = new LinkedHashMap<>();

    SpeakerFeeds(MediaGraph graph, EngineContext ctx, TrackCatalog catalog) {
        this.graph = graph;
        this.ctx = ctx;
        this.catalog = catalog;
    }

    /** True for the negotiation key of a speaker-following output. */
    static boolean isKey(String trackKey) {
        return trackKey.startsWith(PREFIX);
    }

    static String key(String participantId, String kind) {
        return PREFIX + participantId + ":" + kind;
    }

    /** The two tracks a speaker-following participant is sent (video first), with fresh SSRCs. */
    static List<SendTrack> sendTracks(String participantId, EngineContext ctx) {
        long v = ctx.randomSsrc();
        long rtx = ctx.randomSsrc();
        while (rtx == v) {
            rtx = ctx.randomSsrc();
        }
        return List.of(
                new SendTrack(key(participantId, "video"), "video", v, rtx, STREAM_ID, "speaker-video", STREAM_ID,
                        List.of(VIDEO_CODEC)),
                new SendTrack(key(participantId, "audio"), "audio", ctx.randomSsrc(), SourceSsrcs.NO_RTX, STREAM_ID,
                        "speaker-audio", STREAM_ID, List.of(AUDIO_CODEC)));
    }

    /**
     * A negotiated section carries the output {@code key} to {@code p}: the output is created
     * (once) and given its first source.
     *
     * @return false when {@code key} is not a speaker-following key
     */
    boolean open(SfuParticipant p, String key, Subscription.Output output, List<PublishedTrack> tracks,
                 String dominant, long now) {
        if (!isKey(key)) {
            return false;
        }
        List<FollowingOutput> outs = byParticipant.computeIfAbsent(p, x -> new ArrayList<>(2));
        for (FollowingOutput f : outs) {
            if (f.key().equals(key)) {
                return true;
            }
        }
        boolean video = key.endsWith(":video");
        Codec codec = video ? VIDEO_CODEC : AUDIO_CODEC;
        FollowingOutput f = new FollowingOutput(key, video, codec.clockRate(), codec.name(), p.media().sender(),
                ctx.pool(), output, ctx.randomSsrc() & 0xFFFF);
        outs.add(f);
        graph.attach(p.media(), f);
        choose(p, f, tracks, dominant, now);
        return true;
    }

    /** Starts the output {@code key} of {@code p} (accepted and transport up). */
    boolean activate(SfuParticipant p, String key, long now) {
        if (!isKey(key)) {
            return false;
        }
        for (FollowingOutput f : byParticipant.getOrDefault(p, List.of())) {
            if (f.key().equals(key)) {
                f.activate(now);
            }
        }
        return true;
    }

    /** {@code p} leaves or lost its media: its outputs end. */
    void close(SfuParticipant p) {
        List<FollowingOutput> outs = byParticipant.remove(p);
        if (outs != null) {
            for (FollowingOutput f : outs) {
                graph.detach(p.media(), f);
            }
        }
    }

    /** {@code t} is about to be unpublished: no output listens to it any more. */
    void trackGone(PublishedTrack t) {
        for (FollowingOutput f : t.followers()) {
            graph.unfollow(f, t);
        }
    }

    /** The speaker or the room's tracks changed: every output re-chooses what it carries. */
    void update(List<PublishedTrack> tracks, String dominant, long now) {
        for (Map.Entry<SfuParticipant, List<FollowingOutput>> e : byParticipant.entrySet()) {
            for (FollowingOutput f : e.getValue()) {
                choose(e.getKey(), f, tracks, dominant, now);
            }
        }
    }

    /** Periodic: pending keyframe requests, and tracks an output no longer needs are let go. */
    void tick(long now) {
        for (List<FollowingOutput> outs : byParticipant.values()) {
            for (FollowingOutput f : outs) {
                f.tick(now);
                PublishedTrack done = f.unneeded();
                if (done != null) {
                    graph.unfollow(f, done);
                }
            }
        }
    }

    private void choose(SfuParticipant p, FollowingOutput f, List<PublishedTrack> tracks, String dominant, long now) {
        String kind = f.isVideo() ? "video" : "audio";
        String codec = f.isVideo() ? VIDEO_CODEC.name() : AUDIO_CODEC.name();
        PublishedTrack current = f.target();
        PublishedTrack want = choose(tracks, t -> t.source().publisherId(),
                t -> t.source().kind().equals(kind) && t.source().codecName().equalsIgnoreCase(codec),
                p.id(), dominant, current == null ? null : current.source().publisherId());
        if (want == null || want == current) {
            return;
        }
        PlannedSection section = p.negotiator().sectionOf(f.key());
        byte[] map = new byte[256];
        if (section != null && section.track() != null) {
            Subscription.Output o = OutputPlanner.output(section, section.track(),
                    catalog.extensionIdsOf(want.source().key()));
            if (o != null) {
                map = o.extensionIdMap();
            }
        }
        graph.follow(f, want, map, now);
    }

    /**
     * Which track an output carries: the dominant speaker's (the last one it published that is
     * {@code eligible}) unless the dominant speaker is {@code self} or has none; else the
     * publisher carried now while it still has one; else the most recently published eligible
     * track of someone else; null when there is none.
     *
     * @param tracks    the room's tracks in publish order
     * @param publisher a track's publisher id
     * @param eligible  whether the output can carry a track (kind and codec)
     * @param self      the receiving participant (its own tracks are never chosen)
     * @param dominant  the room's dominant speaker, or null
     * @param current   the publisher carried now, or null
     */
    static <T> T choose(List<T> tracks, Function<T, String> publisher, Predicate<T> eligible, String self,
                        String dominant, String current) {
        T byDominant = null;
        T byCurrent = null;
        T latest = null;
        for (T t : tracks) {
            String from = publisher.apply(t);
            if (from.equals(self) || !eligible.test(t)) {
                continue;
            }
            latest = t;
            if (from.equals(dominant)) {
                byDominant = t;
            }
            if (from.equals(current)) {
                byCurrent = t;
            }
        }
        if (byDominant != null) {
            return byDominant;
        }
        return byCurrent != null ? byCurrent : latest;
    }
}
