package io.junction.sfu;

import java.util.Set;

/**
 * Which RTP header extensions survive forwarding (with their id remapped to the subscriber's).
 * The sdes:mid/rid/repaired-rid values name the publisher's m-section and would misroute the
 * packet at the subscriber (it demuxes by the signalled SSRC instead), and transport-wide-cc
 * sequence numbers belong to the publisher's leg: those are stripped (RFC 8285 §4.2 padding).
 */
final class ForwardedExtensions {
    private static final Set<String> KEPT = Set.of(
            "urn:ietf:params:rtp-hdrext:ssrc-audio-level",
            "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
            "urn:3gpp:video-orientation");

    private ForwardedExtensions() {
    }

    static boolean keep(String uri) {
        return KEPT.contains(uri);
    }
}
