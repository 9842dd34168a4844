package io.junction.sfu.sdp;

import java.util.ArrayList;
import java.util.List;

/** The RTP header extensions (RFC 8285) the server negotiates, per media kind. */
public final class SupportedExtensions {
    public static final String MID = "urn:ietf:params:rtp-hdrext:sdes:mid";
    public static final String ABS_SEND_TIME = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";
    public static final String TRANSPORT_CC = "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
    public static final String AUDIO_LEVEL = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";
    public static final String RID = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id";
    public static final String REPAIRED_RID = "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id";

    private static final List<String> AUDIO = List.of(AUDIO_LEVEL, ABS_SEND_TIME, TRANSPORT_CC, MID);
    private static final List<String> VIDEO = List.of(ABS_SEND_TIME, TRANSPORT_CC, MID, RID, REPAIRED_RID);

    private SupportedExtensions() {
    }

    /** The URIs supported for a media kind, in the order server offers list them. */
    public static List<String> forKind(String kind) {
        return switch (kind) {
            case "audio" -> AUDIO;
            case "video" -> VIDEO;
            default -> List.of();
        };
    }

    /**
     * The answer's extmaps for an offered section: the supported ones with the offerer's ids
     * (RFC 8285 section 6), direction mirrored (an offered sendonly extension is answered recvonly).
     */
    public static List<Extmap> answer(String kind, List<Extmap> offered) {
        List<String> supported = forKind(kind);
        List<Extmap> out = new ArrayList<>();
        for (Extmap e : offered) {
            if (supported.contains(e.uri()) && e.direction() != Direction.INACTIVE) {
                Direction dir = e.direction() == null ? null : e.direction().reversed();
                out.add(new Extmap(e.id(), dir, e.uri(), ""));
            }
        }
        return out;
    }
}
