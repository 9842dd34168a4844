package io.junction.sfu.sdp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Shared pieces of the server's offers and answers (RFC 8829 sections 5.2 and 5.3). */
final class SdpAssembly {
    static final String PROTO = "UDP/TLS/RTP/SAVPF";

    private SdpAssembly() {
    }

    /**
     * v=, o=, s=, t=, msid-semantic (RFC 8829 section 5.2.1) and a=ice-lite (RFC 8839 section 5.3:
     * the server is an ICE-lite agent, RFC 8445 section 2.5) for a server description.
     */
    static SessionDescription.Builder session(String sessionId, long version) {
        SessionDescription.Builder s = SessionDescription.builder(Origin.of(sessionId, version));
        s.msidSemantic = " WMS *";
        s.iceLite = true;
        return s;
    }

    /** The BUNDLE group over the non-rejected sections, in section order (RFC 9143 section 7.1). */
    static void bundle(SessionDescription.Builder s) {
        List<String> mids = new ArrayList<>();
        for (MediaDescription m : s.media) {
            if (!m.isRejected()) {
                mids.add(m.mid());
            }
        }
        if (!mids.isEmpty()) {
            s.groups.add(new Group("BUNDLE", mids));
        }
    }

    /** ICE, DTLS and candidates of a non-rejected section; c= and port 9 per RFC 8829 section 5.2.1. */
    static void transport(MediaDescription.Builder b, ServerTransport t, String setup) {
        b.port = 9;
        b.connection = "IN IP4 0.0.0.0";
        b.iceUfrag = t.iceUfrag();
        b.icePwd = t.icePwd();
        b.fingerprint = t.fingerprint();
        b.setup = setup;
        b.candidates = new ArrayList<>(t.candidates());
        b.endOfCandidates = t.endOfCandidates();
        b.rtcpMux = true;
    }

    /** A rejected section mirroring the kind, proto and formats of {@code m} (RFC 8829 section 5.3.1). */
    static MediaDescription rejected(String kind, String proto, List<String> formats, String mid) {
        MediaDescription.Builder b = MediaDescription.builder(kind, proto);
        b.port = 0;
        b.connection = "IN IP4 0.0.0.0";
        b.formats = new ArrayList<>(formats.isEmpty() ? List.of("0") : formats);
        b.mid = mid;
        b.direction = Direction.INACTIVE;
        return b.build();
    }

    /** msid, ssrc and ssrc-group FID lines of a track the server sends (RFC 8830, RFC 5576). */
    static void sendTrack(MediaDescription.Builder b, SendTrack t) {
        Msid msid = new Msid(t.streamId(), t.trackId());
        b.msids.add(msid);
        if (t.rtxSsrc() != SourceSsrcs.NO_RTX) {
            b.ssrcGroups.add(new SsrcGroup("FID", List.of(t.ssrc(), t.rtxSsrc())));
        }
        addSsrc(b, t.ssrc(), t.cname(), msid);
        if (t.rtxSsrc() != SourceSsrcs.NO_RTX) {
            addSsrc(b, t.rtxSsrc(), t.cname(), msid);
        }
    }

    private static void addSsrc(MediaDescription.Builder b, long ssrc, String cname, Msid msid) {
        b.ssrcs.add(new SsrcAttribute(ssrc, "cname", cname));
        b.ssrcs.add(new SsrcAttribute(ssrc, "msid", msid.toSdp()));
    }

    /** The section's msid: its a=msid line, else the first a=ssrc msid (RFC 8830), else null. */
    static Msid msid(MediaDescription m) {
        if (!m.msids().isEmpty()) {
            return m.msids().get(0);
        }
        for (SsrcAttribute a : m.ssrcs()) {
            if (a.name().equals("msid")) {
                return Msid.parse(a.value());
            }
        }
        return null;
    }

    /** The announced sources: FID pairs first, then SSRCs in no FID group (RFC 5576, RFC 4588). */
    static List<SourceSsrcs> sources(MediaDescription m) {
        List<SourceSsrcs> out = new ArrayList<>();
        Set<Long> paired = new HashSet<>();
        for (SsrcGroup g : m.ssrcGroups()) {
            if (g.semantics().equals("FID") && g.ssrcs().size() == 2) {
                long media = g.ssrcs().get(0);
                long rtx = g.ssrcs().get(1);
                out.add(new SourceSsrcs(media, rtx, cname(m, media)));
                paired.add(media);
                paired.add(rtx);
            }
        }
        for (long ssrc : m.ssrcIds()) {
            if (!paired.contains(ssrc)) {
                out.add(new SourceSsrcs(ssrc, SourceSsrcs.NO_RTX, cname(m, ssrc)));
            }
        }
        return out;
    }

    private static String cname(MediaDescription m, long ssrc) {
        String cname = m.ssrcAttribute(ssrc, "cname");
        return cname == null ? "" : cname;
    }

    /** The primary (non-RTX) codecs of a list. */
    static List<Codec> primaries(List<Codec> codecs) {
        List<Codec> out = new ArrayList<>();
        for (Codec c : codecs) {
            if (!c.isRtx()) {
                out.add(c);
            }
        }
        return out;
    }
}
