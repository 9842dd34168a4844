package io.junction.sfu.room;

import java.util.ArrayList;
import java.util.List;

/**
 * The only code that changes who forwards to whom inside one room: the edges between
 * {@link PublishedTrack}s, their {@link Subscription}s and the {@link ParticipantMedia} of
 * publishers and subscribers. {@link ParticipantMedia} and {@link PublishedTrack} expose their
 * lists as read-only views; their mutators are package-private and called from here only. One
 * instance per room, held by the room and called from its worker thread only (no locks).
 *
 * <p>The per-packet path reads the same {@code ArrayList}s these methods write (by index, no
 * iterator, no lookup), so a change takes effect with the next packet.
 */
public final class MediaGraph {
    /** {@code publisher} publishes {@code t}. */
    public void publish(ParticipantMedia publisher, PublishedTrack t) {
        publisher.addPublished(t);
    }

    /**
     * {@code publisher} stops publishing {@code t}: the track drops its subscriptions and frees
     * its stored packets. The caller then {@link #detach}es each returned subscription from its
     * subscriber.
     *
     * @return the subscriptions that ended
     */
    public List<Subscription> unpublish(ParticipantMedia publisher, PublishedTrack t) {
        publisher.removePublished(t);
        List<Subscription> ended = new ArrayList<>(t.subscriptions());
        t.close();
        return ended;
    }

    /** {@code subscriber} receives {@code s} (the track it forwards from is {@code s.track()}). */
    public void subscribe(ParticipantMedia subscriber, Subscription s) {
        s.track().addSubscription(s);
        subscriber.addSubscription(s);
    }

    /** {@code subscriber} no longer receives {@code s}. */
    public void unsubscribe(ParticipantMedia subscriber, Subscription s) {
        s.track().removeSubscription(s);
        subscriber.removeSubscription(s);
    }

    /** Drops {@code s} from its subscriber after its track was unpublished. */
    public void detach(ParticipantMedia subscriber, Subscription s) {
        subscriber.removeSubscription(s);
    }

    /** {@code subscriber} receives the speaker-following output {@code f} (no source yet). */
    public void attach(ParticipantMedia subscriber, FollowingOutput f) {
        subscriber.addFollowing(f);
    }

    /**
     * {@code f} listens to {@code t} and carries it from its next keyframe (video) or packet
     * (audio) on; the track it carried keeps flowing until then.
     *
     * @param extensionIdMap {@code t}'s publisher extension id → subscriber id (0 = strip), 0..255
     */
    public void follow(FollowingOutput f, PublishedTrack t, byte[] extensionIdMap, long now) {
        f.addSource(t, extensionIdMap);
        t.addFollower(f);
        f.target(t, now);
    }

    /** {@code f} no longer listens to {@code t} (unneeded, or unpublished). */
    public void unfollow(FollowingOutput f, PublishedTrack t) {
        t.removeFollower(f);
        f.removeSource(t);
    }

    /** {@code subscriber} no longer receives {@code f}: it leaves every track it listened to. */
    public void detach(ParticipantMedia subscriber, FollowingOutput f) {
        for (PublishedTrack t : new ArrayList<>(f.sources())) {
            unfollow(f, t);
        }
        subscriber.removeFollowing(f);
    }
}
