package io.junction.client;

import io.junction.dtls.Fingerprint;
import io.junction.ice.Candidate;
import io.junction.ice.IceCredentials;
import io.junction.sfu.sdp.Codec;
import io.junction.sfu.sdp.Direction;
import io.junction.sfu.sdp.Extmap;
import io.junction.sfu.sdp.MediaDescription;
import io.junction.sfu.sdp.SctpDescription;
import io.junction.sfu.sdp.SessionDescription;

import java.util.List;

/**
 * The client side of SDP for {@link SfuParticipantClient}: a publish offer shaped like a
 * browser's (Unified Plan, BUNDLE, rtcp-mux) and answers to the server's offers. Public so
 * that tests of the media-only embedding API can drive the engine without WebSocket signaling.
 */
public final class ClientSdp {
    public static final int OPUS_PT = 111;
    public static final int VP8_PT = 96;
    public static final int VP8_RTX_PT = 97;
    /** The mid of the data section this client adds. */
    public static final String DATA_MID = "d";
    /** The largest message we accept: 256 KiB plus room for the server's sender envelope. */
    public static final int MAX_MESSAGE_SIZE = 256 * 1024 + 1024;

    private ClientSdp() {
    }

    /** Our local transport parameters. */
    public record Local(IceCredentials ice, Fingerprint fingerprint, List<Candidate> candidates) {
    }

    /** The header-extension ids of the publish offer (RFC 8285 one-byte ids). */
    public static final int MID_EXT_ID = 4;
    public static final int RID_EXT_ID = 10;
    public static final int REPAIRED_RID_EXT_ID = 11;

    /**
     * One track we publish; a video track with {@code layers} is sent as rid-based simulcast
     * (RFC 8853), its SSRCs announced by the RID extension only, and {@code ssrc}/{@code rtxSsrc}
     * are those of the first layer.
     */
    public record Publish(String kind, long ssrc, long rtxSsrc, String streamId, String trackId, List<Layer> layers) {
        public Publish {
            layers = layers == null ? List.of() : List.copyOf(layers);
        }

        public Publish(String kind, long ssrc, long rtxSsrc, String streamId, String trackId) {
            this(kind, ssrc, rtxSsrc, streamId, trackId, List.of());
        }
    }

    /** One simulcast layer we send (lowest first): its rid and SSRCs. */
    public record Layer(String rid, long ssrc, long rtxSsrc) {
    }

    /**
     * A publish offer. {@code previous} is the last server offer this client answered (its
     * sections are re-offered first, in order, as receive-only), or null for a first offer.
     */
    public static String offer(Local local, SessionDescription previous, List<Publish> tracks) {
        return offer(local, previous, tracks, false);
    }

    /** As {@link #offer(Local, SessionDescription, List)}, with a data-channel section when {@code data}. */
    public static String offer(Local local, SessionDescription previous, List<Publish> tracks, boolean data) {
        java.util.List<String> mids = new java.util.ArrayList<>();
        java.util.List<MediaDescription> kept = previous == null ? List.of() : previous.media();
        for (MediaDescription m : kept) {
            if (!m.isRejected()) {
                mids.add(m.mid());
            }
        }
        for (int i = 0; i < tracks.size(); i++) {
            mids.add("c" + i);
        }
        boolean addData = data && (previous == null || SctpDescription.find(previous) == null);
        if (addData) {
            mids.add(DATA_MID);
        }
        StringBuilder s = session(local, mids);
        String setup = previous == null ? "actpass" : "active";
        for (MediaDescription m : kept) {
            if (m.isRejected()) {
                rejected(s, m);
                continue;
            }
            if (SctpDescription.isDataSection(m)) {
                dataSection(s, local, setup, m.mid());
                continue;
            }
            section(s, local, setup, m, m.direction() == Direction.SENDONLY ? "recvonly" : "inactive");
        }
        for (int i = 0; i < tracks.size(); i++) {
            Publish t = tracks.get(i);
            boolean video = t.kind().equals("video");
            s.append("m=").append(t.kind()).append(" 9 UDP/TLS/RTP/SAVPF ")
                    .append(video ? VP8_PT + " " + VP8_RTX_PT : String.valueOf(OPUS_PT)).append("\r\n");
            transport(s, local, setup, "c" + i);
            s.append("a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid\r\n");
            if (video) {
                s.append("a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time\r\n");
                if (!t.layers().isEmpty()) {
                    s.append("a=extmap:" + RID_EXT_ID + " urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id\r\n")
                            .append("a=extmap:" + REPAIRED_RID_EXT_ID
                                    + " urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id\r\n");
                }
            } else {
                s.append("a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level\r\n");
            }
            s.append("a=sendonly\r\n");
            s.append("a=msid:").append(t.streamId()).append(' ').append(t.trackId()).append("\r\n");
            if (video) {
                s.append("a=rtpmap:96 VP8/90000\r\na=rtcp-fb:96 nack\r\na=rtcp-fb:96 nack pli\r\n")
                        .append("a=rtcp-fb:96 ccm fir\r\na=rtpmap:97 rtx/90000\r\na=fmtp:97 apt=96\r\n");
                if (!t.layers().isEmpty()) {
                    simulcast(s, t.layers()); // SSRCs come with the RID extension (RFC 8852), as browsers do
                    continue;
                }
                s.append("a=ssrc-group:FID ").append(t.ssrc()).append(' ').append(t.rtxSsrc()).append("\r\n");
                ssrc(s, t.ssrc(), t);
                ssrc(s, t.rtxSsrc(), t);
            } else {
                s.append("a=rtpmap:111 opus/48000/2\r\na=fmtp:111 minptime=10;useinbandfec=1\r\n");
                ssrc(s, t.ssrc(), t);
            }
        }
        if (addData) {
            dataSection(s, local, setup, DATA_MID);
        }
        return s.toString();
    }

    /**
     * A re-offer of the current session ({@code current}: the last description exchanged) that adds
     * a data-channel section (RFC 8841) at the end, as a browser does on its first createDataChannel.
     */
    public static String reofferWithData(Local local, SessionDescription current, List<Publish> tracks) {
        String body = answer(local, current, tracks);
        if (SctpDescription.find(current) != null) {
            return body;
        }
        StringBuilder s = new StringBuilder(body.replaceFirst("a=group:BUNDLE([^\r]*)", "a=group:BUNDLE$1 " + DATA_MID));
        dataSection(s, local, "active", DATA_MID);
        return s.toString();
    }

    /** The data section (RFC 8841 §4-6): the client's max-message-size leaves room for the server's envelope. */
    private static void dataSection(StringBuilder s, Local local, String setup, String mid) {
        s.append("m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n");
        transport(s, local, setup, mid, false);
        s.append("a=sctp-port:").append(SctpDescription.DEFAULT_PORT).append("\r\n")
                .append("a=max-message-size:").append(MAX_MESSAGE_SIZE).append("\r\n");
    }

    /**
     * A receive-only offer (a WHEP viewer's): one {@code recvonly} audio section (Opus) and one
     * {@code recvonly} video section (VP8 with RTX), mids "0" and "1", like a browser with two
     * {@code recvonly} transceivers.
     */
    public static String recvOffer(Local local) {
        StringBuilder s = session(local, List.of("0", "1"));
        s.append("m=audio 9 UDP/TLS/RTP/SAVPF ").append(OPUS_PT).append("\r\n");
        transport(s, local, "actpass", "0");
        s.append("a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level\r\n")
                .append("a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid\r\n")
                .append("a=recvonly\r\n")
                .append("a=rtpmap:111 opus/48000/2\r\na=fmtp:111 minptime=10;useinbandfec=1\r\n");
        s.append("m=video 9 UDP/TLS/RTP/SAVPF ").append(VP8_PT).append(' ').append(VP8_RTX_PT).append("\r\n");
        transport(s, local, "actpass", "1");
        s.append("a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time\r\n")
                .append("a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid\r\n")
                .append("a=recvonly\r\n")
                .append("a=rtpmap:96 VP8/90000\r\na=rtcp-fb:96 nack\r\na=rtcp-fb:96 nack pli\r\n")
                .append("a=rtcp-fb:96 ccm fir\r\na=rtpmap:97 rtx/90000\r\na=fmtp:97 apt=96\r\n");
        return s.toString();
    }

    private static void rejected(StringBuilder s, MediaDescription m) {
        s.append("m=").append(m.kind()).append(" 0 ").append(m.proto()).append(' ')
                .append(String.join(" ", m.formats())).append("\r\nc=IN IP4 0.0.0.0\r\na=mid:")
                .append(m.mid()).append("\r\n");
    }

    /** A section echoing the offered codecs and extensions with the given direction. */
    private static void section(StringBuilder s, Local local, String setup, MediaDescription m, String dir) {
        s.append("m=").append(m.kind()).append(" 9 ").append(m.proto()).append(' ')
                .append(String.join(" ", m.formats())).append("\r\n");
        transport(s, local, setup, m.mid());
        for (Extmap e : m.extmaps()) {
            s.append("a=extmap:").append(e.id()).append(' ').append(e.uri()).append("\r\n");
        }
        s.append("a=").append(dir).append("\r\n");
        for (Codec c : m.codecs()) {
            s.append("a=rtpmap:").append(c.pt()).append(' ').append(c.rtpmap()).append("\r\n");
            if (!c.fmtp().isEmpty()) {
                s.append("a=fmtp:").append(c.pt()).append(' ').append(c.fmtp()).append("\r\n");
            }
            for (String fb : c.rtcpFb()) {
                s.append("a=rtcp-fb:").append(c.pt()).append(' ').append(fb).append("\r\n");
            }
        }
    }

    /**
     * An ICE restart re-offer (RFC 8839 §4.4.1.1.1): the current session unchanged — every section of
     * {@code current} (the last description exchanged with the server) in order, with our directions and
     * tracks, the established DTLS role ({@code active}) — under {@code local}'s new ICE credentials.
     */
    public static String restartOffer(Local local, SessionDescription current, List<Publish> tracks) {
        return answer(local, current, tracks);
    }

    /**
     * Answers a server offer: server send sections become recvonly, our publish sections keep
     * sending, rejected sections stay rejected.
     */
    public static String answer(Local local, SessionDescription offer, List<Publish> tracks) {
        java.util.List<String> mids = new java.util.ArrayList<>();
        for (MediaDescription m : offer.media()) {
            if (!m.isRejected()) {
                mids.add(m.mid());
            }
        }
        StringBuilder s = session(local, mids);
        int publishIndex = 0;
        for (MediaDescription m : offer.media()) {
            if (m.isRejected()) {
                s.append("m=").append(m.kind()).append(" 0 ").append(m.proto()).append(' ')
                        .append(String.join(" ", m.formats())).append("\r\nc=IN IP4 0.0.0.0\r\na=mid:")
                        .append(m.mid()).append("\r\n");
                continue;
            }
            if (SctpDescription.isDataSection(m)) {
                dataSection(s, local, "active", m.mid());
                continue;
            }
            s.append("m=").append(m.kind()).append(" 9 ").append(m.proto()).append(' ')
                    .append(String.join(" ", m.formats())).append("\r\n");
            transport(s, local, "active", m.mid());
            for (Extmap e : m.extmaps()) {
                s.append("a=extmap:").append(e.id()).append(' ').append(e.uri()).append("\r\n");
            }
            Direction d = m.direction();
            Publish mine = null;
            if (d == Direction.RECVONLY || d == Direction.SENDRECV) {
                mine = publishIndex < tracks.size() ? tracks.get(publishIndex) : null;
                publishIndex++;
            }
            String dir = switch (d) {
                case SENDONLY -> "recvonly";
                case RECVONLY -> mine != null ? "sendonly" : "inactive";
                case SENDRECV -> mine != null ? "sendrecv" : "recvonly";
                case INACTIVE -> "inactive";
            };
            s.append("a=").append(dir).append("\r\n");
            for (Codec c : m.codecs()) {
                s.append("a=rtpmap:").append(c.pt()).append(' ').append(c.rtpmap()).append("\r\n");
                if (!c.fmtp().isEmpty()) {
                    s.append("a=fmtp:").append(c.pt()).append(' ').append(c.fmtp()).append("\r\n");
                }
                for (String fb : c.rtcpFb()) {
                    s.append("a=rtcp-fb:").append(c.pt()).append(' ').append(fb).append("\r\n");
                }
            }
            if (mine != null && !dir.equals("inactive")) {
                s.append("a=msid:").append(mine.streamId()).append(' ').append(mine.trackId()).append("\r\n");
                if (mine.rtxSsrc() >= 0) {
                    s.append("a=ssrc-group:FID ").append(mine.ssrc()).append(' ').append(mine.rtxSsrc()).append("\r\n");
                    ssrc(s, mine.ssrc(), mine);
                    ssrc(s, mine.rtxSsrc(), mine);
                } else {
                    ssrc(s, mine.ssrc(), mine);
                }
            }
        }
        return s.toString();
    }

    /** {@code a=rid:<rid> send} per layer and {@code a=simulcast:send} in layer order (RFC 8851, RFC 8853). */
    private static void simulcast(StringBuilder s, List<Layer> layers) {
        StringBuilder sc = new StringBuilder("a=simulcast:send ");
        for (int i = 0; i < layers.size(); i++) {
            s.append("a=rid:").append(layers.get(i).rid()).append(" send\r\n");
            sc.append(i == 0 ? "" : ";").append(layers.get(i).rid());
        }
        s.append(sc).append("\r\n");
    }

    private static StringBuilder session(Local local, List<String> mids) {
        StringBuilder s = new StringBuilder(2048);
        s.append("v=0\r\no=- ").append(Math.abs(local.ice().ufrag().hashCode())).append(" 2 IN IP4 127.0.0.1\r\n")
                .append("s=-\r\nt=0 0\r\na=group:BUNDLE");
        for (String mid : mids) {
            s.append(' ').append(mid);
        }
        s.append("\r\na=msid-semantic: WMS\r\n");
        return s;
    }

    private static void transport(StringBuilder s, Local local, String setup, String mid) {
        transport(s, local, setup, mid, true);
    }

    private static void transport(StringBuilder s, Local local, String setup, String mid, boolean rtcpMux) {
        s.append("c=IN IP4 0.0.0.0\r\n")
                .append("a=ice-ufrag:").append(local.ice().ufrag()).append("\r\n")
                .append("a=ice-pwd:").append(local.ice().password()).append("\r\n")
                .append("a=ice-options:trickle\r\n")
                .append("a=fingerprint:").append(local.fingerprint().toSdpValue()).append("\r\n")
                .append("a=setup:").append(setup).append("\r\n")
                .append("a=mid:").append(mid).append("\r\n");
        if (rtcpMux) {
            s.append("a=rtcp-mux\r\n");
        }
        for (Candidate c : local.candidates()) {
            s.append("a=candidate:").append(c.toSdpValue()).append("\r\n");
        }
    }

    private static void ssrc(StringBuilder s, long ssrc, Publish t) {
        s.append("a=ssrc:").append(ssrc).append(" cname:").append(t.streamId()).append("\r\n");
        s.append("a=ssrc:").append(ssrc).append(" msid:").append(t.streamId()).append(' ').append(t.trackId()).append("\r\n");
    }
}
