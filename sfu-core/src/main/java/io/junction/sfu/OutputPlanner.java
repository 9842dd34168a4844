package io.junction.sfu;

import io.junction.sfu.room.Subscription;
import io.junction.sfu.sdp.Codec;
import io.junction.sfu.sdp.Extmap;
import io.junction.sfu.sdp.PlannedSection;
import io.junction.sfu.sdp.SendTrack;
import io.junction.sfu.sdp.SessionPlan;
import io.junction.sfu.sdp.SupportedExtensions;

import java.util.Map;

/**
 * The pure mapping from a planned server section to the subscription output that forwards a
 * track into it: the first primary codec's payload type, the RTX payload type bound to it
 * (RFC 4588 §8.6 {@code apt}), and the publisher→subscriber header-extension id map restricted
 * to the {@link ForwardedExtensions forwarded extensions} (RFC 8285 ids 1..255). No state, any thread.
 */
final class OutputPlanner {
    private OutputPlanner() {
    }

    /** The section of {@code plan} carrying {@code trackKey}, or null. */
    static PlannedSection sectionOf(SessionPlan plan, String trackKey) {
        for (PlannedSection s : plan.sections()) {
            if (s.track() != null && s.track().trackKey().equals(trackKey)) {
                return s;
            }
        }
        return null;
    }

    /**
     * The output for {@code track} in {@code section}, or null when the section has no primary
     * codec (nothing can be forwarded there).
     *
     * @param publisherExtIds the publisher's negotiated extension ids by URI
     */
    /** The section's transport-wide-cc extension id (the subscriber stamps it on what it receives), 0 if none. */
    static int transportCcId(PlannedSection section) {
        for (Extmap e : section.extmaps()) {
            if (e.uri().equals(SupportedExtensions.TRANSPORT_CC) && e.id() > 0 && e.id() < 256) {
                return e.id();
            }
        }
        return 0;
    }

    static Subscription.Output output(PlannedSection section, SendTrack track, Map<String, Integer> publisherExtIds) {
        int pt = -1;
        int rtxPt = -1;
        for (Codec c : section.codecs()) {
            if (!c.isRtx() && pt < 0) {
                pt = c.pt();
            }
        }
        if (pt < 0) {
            return null;
        }
        for (Codec c : section.codecs()) {
            if (c.isRtx() && c.apt() == pt) {
                rtxPt = c.pt();
            }
        }
        byte[] extMap = new byte[256];
        for (Extmap e : section.extmaps()) {
            Integer from = publisherExtIds.get(e.uri());
            if (from != null && from > 0 && from < 256 && ForwardedExtensions.keep(e.uri())) {
                extMap[from] = (byte) e.id();
            }
            if (from != null && from > 0 && from < 256 && e.uri().equals(SupportedExtensions.TRANSPORT_CC)) {
                // the publisher's element slot is reused: the subscriber's transport overwrites its value
                // with its own transport-wide sequence number (room.SubscriberBandwidth)
                extMap[from] = (byte) e.id();
            }
        }
        return new Subscription.Output(track.ssrc(), rtxPt >= 0 ? track.rtxSsrc() : -1, pt, rtxPt, extMap);
    }
}
