package io.junction.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.junction.sfu.RelayInbound;
import io.junction.sfu.room.TrackSource;
import io.junction.sfu.sdp.SdpParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A relay link's offer as the receiving node reads it: one remote track per sending section, attributed by msid. */
class RelayOfferTest {
    private static final String HEAD = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0 1 2 3 4 5\r\n"
            + "a=ice-ufrag:abcd\r\na=ice-pwd:abcdefghijklmnopqrstuvwx\r\na=ice-lite\r\n"
            + "a=fingerprint:sha-256 AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89\r\n";

    private static String audio(String mid, String dir, String msid, long ssrc) {
        return "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:" + mid + "\r\na=" + dir + "\r\na=rtcp-mux\r\n"
                + "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level\r\na=rtpmap:111 opus/48000/2\r\n"
                + (msid == null ? "" : "a=msid:" + msid + "\r\n") + (ssrc < 0 ? "" : "a=ssrc:" + ssrc + " cname:x\r\n");
    }

    private static final String VIDEO = "m=video 9 UDP/TLS/RTP/SAVPF 96 97\r\nc=IN IP4 0.0.0.0\r\na=mid:1\r\na=sendonly\r\n"
            + "a=rtcp-mux\r\na=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid\r\na=rtpmap:96 VP8/90000\r\n"
            + "a=rtcp-fb:96 nack\r\na=rtcp-fb:96 nack pli\r\na=rtcp-fb:96 ccm fir\r\na=rtpmap:97 rtx/90000\r\na=fmtp:97 apt=96\r\n"
            + "a=msid:b-p2 b-p2-video\r\na=ssrc-group:FID 2222 3333\r\na=ssrc:2222 cname:x\r\na=ssrc:3333 cname:x\r\n";

    @Test
    void sendingSectionsBecomeRemoteTracksOfTheirPublishers() throws Exception {
        String sdp = HEAD + audio("0", "sendonly", "a-p1 a-p1-audio", 1111) + VIDEO
                + audio("2", "inactive", "a-p1 old", 4444) // a gone track's reused section
                + audio("3", "sendonly", null, 5555) // no msid: cannot be attributed
                + audio("4", "sendonly", "a-p9 x", -1) // no SSRC
                + "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\na=mid:5\r\na=sctp-port:5000\r\n";
        List<RelayInbound.Track> tracks = RelayOffer.tracks(SdpParser.parse(sdp));
        assertEquals(2, tracks.size(), tracks.toString());

        TrackSource a = tracks.get(0).source();
        assertEquals("a-p1/r0", a.key());
        assertEquals("a-p1", a.publisherId(), "the real publisher, not the link");
        assertEquals("a-p1-audio", a.trackId());
        assertEquals("audio", a.kind());
        assertEquals("opus", a.codecName());
        assertEquals(111, a.payloadType());
        assertEquals(1111, a.ssrc());
        assertEquals(-1, a.rtxSsrc());
        assertEquals(-1, a.rtxPayloadType());
        assertEquals(1, tracks.get(0).extIds().get("urn:ietf:params:rtp-hdrext:ssrc-audio-level"));

        TrackSource v = tracks.get(1).source();
        assertEquals("b-p2/r1", v.key());
        assertEquals("b-p2", v.publisherId());
        assertEquals("VP8", v.codecName());
        assertEquals(90000, v.clockRate());
        assertEquals(96, v.payloadType());
        assertEquals(97, v.rtxPayloadType());
        assertEquals(2222, v.ssrc());
        assertEquals(3333, v.rtxSsrc());
        assertTrue(!v.firOnly());
        assertEquals(96, tracks.get(1).codec().pt());
        assertEquals(4, tracks.get(1).extIds().get("urn:ietf:params:rtp-hdrext:sdes:mid"));
    }

    @Test
    void anOfferWithoutSendingSectionsHasNoTracks() throws Exception {
        assertEquals(List.of(), RelayOffer.tracks(SdpParser.parse(HEAD + audio("0", "inactive", "a-p1 t", 1))));
    }
}
