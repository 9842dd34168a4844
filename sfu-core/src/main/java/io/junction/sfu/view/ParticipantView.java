package io.junction.sfu.view;

import java.util.List;
import java.util.Map;

/**
 * A snapshot of one participant's media session.
 *
 * @param id                the participant id
 * @param name              its display name
 * @param publish           may publish
 * @param subscribe         may subscribe
 * @param transportState    {@code new}, {@code connecting}, {@code connected}, {@code failed} or {@code closed}
 * @param rttMs             round-trip time from RTCP receiver reports (RFC 3550 §6.4.1), 0 before a sample
 * @param nacksReceived     generic NACKs received from this participant (RFC 4585 §6.2.1)
 * @param keyframeRequests  PLI/FIR received from this participant
 * @param unknownSsrcDrops  RTP packets dropped because no published track has their SSRC
 * @param invalidRtcp       RTCP compound packets that did not parse
 * @param transportDrops    datagrams the transport dropped, by reason (e.g. {@code SRTP_AUTH})
 * @param published         its published tracks
 * @param subscriptions     the tracks it receives
 * @param bandwidth         the bandwidth estimate toward it and its effect on the layers
 */
public record ParticipantView(String id, String name, boolean publish, boolean subscribe, String transportState,
                              long rttMs, long nacksReceived, long keyframeRequests, long unknownSsrcDrops,
                              long invalidRtcp, Map<String, Long> transportDrops, List<TrackView> published,
                              List<SubscriptionView> subscriptions, BandwidthView bandwidth) {
    public ParticipantView {
        transportDrops = Map.copyOf(transportDrops);
        published = List.copyOf(published);
        subscriptions = List.copyOf(subscriptions);
    }
}
