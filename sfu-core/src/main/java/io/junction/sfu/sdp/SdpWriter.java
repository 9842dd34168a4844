package io.junction.sfu.sdp;

/**
 * Writes a {@link SessionDescription} as SDP text with CRLF line ends, in the line order
 * browsers use (RFC 8866 section 5 for the fixed lines). {@code parse(write(x))} equals {@code x}
 * for anything the parser produced.
 */
public final class SdpWriter {
    private static final String CRLF = "\r\n";

    private SdpWriter() {
    }

    public static String write(SessionDescription s) {
        StringBuilder sb = new StringBuilder(4096);
        line(sb, "v=0");
        line(sb, "o=" + s.origin().toSdp());
        line(sb, "s=" + s.sessionName());
        for (String other : s.otherLines()) {
            if (!other.startsWith("r=") && !other.startsWith("z=")) {
                line(sb, other);
            }
        }
        line(sb, "t=" + s.timing());
        for (String other : s.otherLines()) {
            if (other.startsWith("r=") || other.startsWith("z=")) {
                line(sb, other);
            }
        }
        for (Group g : s.groups()) {
            line(sb, "a=group:" + g.semantics() + (g.mids().isEmpty() ? "" : " " + String.join(" ", g.mids())));
        }
        if (s.extmapAllowMixed()) {
            line(sb, "a=extmap-allow-mixed");
        }
        if (s.msidSemantic() != null) {
            line(sb, "a=msid-semantic:" + s.msidSemantic());
        }
        if (s.iceLite()) {
            line(sb, "a=ice-lite");
        }
        optional(sb, "a=ice-ufrag:", s.iceUfrag());
        optional(sb, "a=ice-pwd:", s.icePwd());
        optional(sb, "a=ice-options:", s.iceOptions());
        if (s.fingerprint() != null) {
            line(sb, "a=fingerprint:" + s.fingerprint().toSdpValue());
        }
        optional(sb, "a=setup:", s.setup());
        for (String a : s.otherAttributes()) {
            line(sb, "a=" + a);
        }
        for (MediaDescription m : s.media()) {
            writeMedia(sb, m);
        }
        return sb.toString();
    }

    private static void writeMedia(StringBuilder sb, MediaDescription m) {
        StringBuilder ml = new StringBuilder("m=").append(m.kind()).append(' ').append(m.port());
        if (m.portCount() > 0) {
            ml.append('/').append(m.portCount());
        }
        ml.append(' ').append(m.proto());
        for (String f : m.formats()) {
            ml.append(' ').append(f);
        }
        line(sb, ml.toString());
        for (String other : m.otherLines()) {
            if (other.startsWith("i=")) {
                line(sb, other);
            }
        }
        optional(sb, "c=", m.connection());
        for (String bw : m.bandwidths()) {
            line(sb, "b=" + bw);
        }
        for (String other : m.otherLines()) {
            if (!other.startsWith("i=")) {
                line(sb, other);
            }
        }
        for (String c : m.candidates()) {
            line(sb, "a=candidate:" + c);
        }
        if (m.endOfCandidates()) {
            line(sb, "a=end-of-candidates");
        }
        optional(sb, "a=ice-ufrag:", m.iceUfrag());
        optional(sb, "a=ice-pwd:", m.icePwd());
        optional(sb, "a=ice-options:", m.iceOptions());
        if (m.fingerprint() != null) {
            line(sb, "a=fingerprint:" + m.fingerprint().toSdpValue());
        }
        optional(sb, "a=setup:", m.setup());
        optional(sb, "a=mid:", m.mid());
        if (m.bundleOnly()) {
            line(sb, "a=bundle-only");
        }
        for (Extmap e : m.extmaps()) {
            line(sb, "a=extmap:" + e.toSdp());
        }
        if (m.isRtp()) {
            line(sb, "a=" + m.direction().sdpName()); // RFC 8841: an SCTP section has no direction
        }
        for (Msid msid : m.msids()) {
            line(sb, "a=msid:" + msid.toSdp());
        }
        if (m.rtcpMux()) {
            line(sb, "a=rtcp-mux");
        }
        if (m.rtcpRsize()) {
            line(sb, "a=rtcp-rsize");
        }
        for (String fb : m.rtcpFbAll()) {
            line(sb, "a=rtcp-fb:* " + fb);
        }
        for (Codec c : m.codecs()) {
            if (!c.name().isEmpty()) {
                line(sb, "a=rtpmap:" + c.pt() + " " + c.rtpmap());
            }
            for (String fb : c.rtcpFb()) {
                line(sb, "a=rtcp-fb:" + c.pt() + " " + fb);
            }
            if (!c.fmtp().isEmpty()) {
                line(sb, "a=fmtp:" + c.pt() + " " + c.fmtp());
            }
        }
        for (Rid rid : m.rids()) {
            line(sb, "a=rid:" + rid.toSdp());
        }
        optional(sb, "a=simulcast:", m.simulcast());
        for (SsrcGroup g : m.ssrcGroups()) {
            line(sb, "a=ssrc-group:" + g.toSdp());
        }
        for (SsrcAttribute a : m.ssrcs()) {
            line(sb, "a=ssrc:" + a.toSdp());
        }
        for (String a : m.otherAttributes()) {
            line(sb, "a=" + a);
        }
    }

    private static void optional(StringBuilder sb, String prefix, String value) {
        if (value != null) {
            line(sb, prefix + value);
        }
    }

    private static void line(StringBuilder sb, String text) {
        sb.append(text).append(CRLF);
    }
}
