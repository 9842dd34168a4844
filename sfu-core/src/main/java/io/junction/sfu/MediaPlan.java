package io.junction.sfu;

import io.junction.sfu.room.Subscription;
import io.junction.sfu.room.TrackSource;
import io.junction.sfu.sdp.Codec;

import java.util.List;
import java.util.Map;

/**
 * What one negotiation step of a participant asks of the media graph: the {@link ServerNegotiator}
 * computes it from SDP state alone, and {@link SfuRoom#apply} is the only place that turns it
 * into publications and subscriptions. Sections are listed by kind so that new kinds (data
 * channels) add a record without touching the others.
 *
 * @param sections what the negotiated description carries, in section order
 * @param removed  track keys the participant no longer receives (their subscriptions end)
 * @param activate track keys of the committed description's accepted sections: their
 *                 subscriptions start forwarding once the transport is up (empty when nothing
 *                 was committed)
 */
record MediaPlan(List<Section> sections, List<String> removed, List<String> activate) {
    /** Nothing to change. */
    static final MediaPlan NONE = new MediaPlan(List.of(), List.of(), List.of());

    MediaPlan {
        sections = List.copyOf(sections);
        removed = List.copyOf(removed);
        activate = List.copyOf(activate);
    }

    boolean isEmpty() {
        return sections.isEmpty() && removed.isEmpty() && activate.isEmpty();
    }

    /** One negotiated section of a kind the room acts on. */
    sealed interface Section permits Publish, Receive {
    }

    /**
     * A client send section (the participant publishes there).
     *
     * @param mid             the section's mid
     * @param source          the track it carries, or null when it carries none any more (rejected,
     *                        inactive, or without an SSRC yet)
     * @param codec           the primary negotiated codec, or null
     * @param extIds          the publisher's header-extension ids by URI
     * @param transportCcId   the transport-wide-cc extension id it negotiated, 0 if none
     */
    record Publish(String mid, TrackSource source, Codec codec, Map<String, Integer> extIds, int transportCcId)
            implements Section {
        Publish {
            extIds = Map.copyOf(extIds);
        }
    }

    /**
     * A server send section: the participant receives {@code trackKey} with this output.
     *
     * @param trackKey      the published track's key
     * @param output        the participant's SSRCs, payload types and extension-id map for it
     * @param transportCcId the section's transport-wide-cc extension id, 0 if none
     */
    record Receive(String trackKey, Subscription.Output output, int transportCcId) implements Section {
    }
}
