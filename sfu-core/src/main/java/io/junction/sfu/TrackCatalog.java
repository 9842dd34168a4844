package io.junction.sfu;

import io.junction.sfu.room.PublishedTrack;
import io.junction.sfu.sdp.Codec;

import java.util.List;
import java.util.Map;

/**
 * The read-only questions a {@link ServerNegotiator} asks its room: which tracks a participant
 * should receive and what their publishers negotiated. Nothing here changes the media graph.
 * Room worker thread only.
 */
interface TrackCatalog {
    /** The others' tracks {@code p} should receive, in the room's order. */
    List<PublishedTrack> tracksFor(SfuParticipant p);

    /** The published track with this key, or null. */
    PublishedTrack track(String key);

    /** The publisher's primary codec of the track with this key, or null. */
    Codec codecOf(String key);

    /** The publisher's header-extension ids by URI of the track with this key (empty if unknown). */
    Map<String, Integer> extensionIdsOf(String key);

    /** The room loop's clock, ms. */
    long nowMs();
}
