package io.junction.sfu.sdp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Collects the lines of one m-section and builds its {@link MediaDescription}. */
final class MediaAttributeParser {
    private static final Pattern RTPMAP = Pattern.compile("(\\d{1,3}) ([^/ ]+)/(\\d{1,10})(?:/(\\d{1,3}))?");
    private static final Pattern FMTP = Pattern.compile("(\\d{1,3})(?: (.*))?");
    private static final Pattern RTCP_FB = Pattern.compile("(\\d{1,3}|\\*) (\\S.*)");
    private static final Pattern SSRC = Pattern.compile("(\\d{1,10}) ([^:\\s]+)(?::(.*))?");
    private static final Pattern EXTMAP = Pattern.compile("(\\d{1,3})(?:/([a-z]+))? (\\S+)(?: (.*))?");
    private static final Pattern RID = Pattern.compile("(\\S+) (send|recv)(?: (.*))?");
    private static final long MAX_SSRC = 0xFFFF_FFFFL;

    private final MediaDescription.Builder b;
    private final Map<Integer, Draft> drafts = new LinkedHashMap<>();

    /** A codec under construction (its lines may come in any order). */
    private static final class Draft {
        String name = "";
        int clockRate;
        int channels;
        String fmtp;
        final List<String> rtcpFb = new ArrayList<>();
    }

    MediaAttributeParser(MediaDescription.Builder builder) {
        this.b = builder;
        if (builder.proto.contains("RTP/")) {
            for (String f : builder.formats) {
                drafts.put(Integer.parseInt(f), new Draft());
            }
        }
    }

    void line(int lineNo, char type, String value, String line) throws SdpParseException {
        switch (type) {
            case 'a' -> attribute(lineNo, value);
            case 'c' -> b.connection = value;
            case 'b' -> b.bandwidths.add(value);
            case 'i', 'k' -> b.otherLines.add(line);
            default -> throw new SdpParseException(lineNo, type + "= is not allowed inside an m-section");
        }
    }

    private void attribute(int lineNo, String attr) throws SdpParseException {
        int colon = attr.indexOf(':');
        String name = colon < 0 ? attr : attr.substring(0, colon);
        String value = colon < 0 ? null : attr.substring(colon + 1);
        Direction direction = colon < 0 ? Direction.fromSdp(name) : null;
        if (direction != null) {
            b.direction = direction;
            return;
        }
        switch (name) {
            case "rtpmap" -> rtpmap(lineNo, SdpParser.required(lineNo, name, value));
            case "fmtp" -> fmtp(lineNo, SdpParser.required(lineNo, name, value));
            case "rtcp-fb" -> rtcpFb(lineNo, SdpParser.required(lineNo, name, value));
            case "ssrc" -> ssrc(lineNo, SdpParser.required(lineNo, name, value));
            case "ssrc-group" -> ssrcGroup(lineNo, SdpParser.required(lineNo, name, value));
            case "extmap" -> extmap(lineNo, SdpParser.required(lineNo, name, value));
            case "msid" -> msid(lineNo, SdpParser.required(lineNo, name, value));
            case "mid" -> mid(lineNo, SdpParser.required(lineNo, name, value));
            case "rid" -> rid(lineNo, SdpParser.required(lineNo, name, value));
            case "simulcast" -> b.simulcast = simulcast(lineNo, SdpParser.required(lineNo, name, value));
            case "ice-ufrag" -> b.iceUfrag = SdpParser.required(lineNo, name, value);
            case "ice-pwd" -> b.icePwd = SdpParser.required(lineNo, name, value);
            case "ice-options" -> b.iceOptions = SdpParser.required(lineNo, name, value);
            case "fingerprint" -> b.fingerprint = SdpParser.parseFingerprint(lineNo,
                    SdpParser.required(lineNo, name, value));
            case "setup" -> b.setup = SdpParser.parseSetup(lineNo, SdpParser.required(lineNo, name, value));
            case "candidate" -> b.candidates.add(SdpParser.required(lineNo, name, value));
            case "end-of-candidates" -> b.endOfCandidates = true;
            case "rtcp-mux" -> b.rtcpMux = true;
            case "rtcp-rsize" -> b.rtcpRsize = true;
            case "bundle-only" -> b.bundleOnly = true;
            case "sctp-port" -> {
                sctpAttribute(lineNo, name, value, 1, 65535);
                b.otherAttributes.add(attr);
            }
            case "max-message-size" -> {
                sctpAttribute(lineNo, name, value, 0, SctpDescription.MAX_MESSAGE_SIZE_LIMIT);
                b.otherAttributes.add(attr);
            }
            default -> b.otherAttributes.add(attr);
        }
    }

    /** RFC 8841 §5.1 and §6.1: one decimal value in range, at most once per section. */
    private void sctpAttribute(int lineNo, String name, String value, long min, long max) throws SdpParseException {
        String v = SdpParser.required(lineNo, name, value);
        if (v.isEmpty() || v.length() > 10 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new SdpParseException(lineNo, "bad " + name + ": " + SdpParser.abbreviate(v));
        }
        long n = Long.parseLong(v);
        if (n < min || n > max) {
            throw new SdpParseException(lineNo, name + " " + n + " out of range " + min + "-" + max);
        }
        for (String a : b.otherAttributes) {
            if (a.startsWith(name + ":")) {
                throw new SdpParseException(lineNo, "a=" + name + " given twice in one m-section");
            }
        }
    }

    private Draft draft(int lineNo, String ptText, String what) throws SdpParseException {
        int pt = MediaLineParser.number(lineNo, ptText, 0, 127, "payload type in " + what);
        Draft d = drafts.get(pt);
        if (d == null) {
            throw new SdpParseException(lineNo, what + " for unknown payload type " + pt + " (not on the m-line)");
        }
        return d;
    }

    private void rtpmap(int lineNo, String value) throws SdpParseException {
        Matcher m = RTPMAP.matcher(value);
        if (!m.matches()) {
            throw new SdpParseException(lineNo, "bad rtpmap: " + SdpParser.abbreviate(value));
        }
        Draft d = draft(lineNo, m.group(1), "rtpmap");
        if (!d.name.isEmpty()) {
            throw new SdpParseException(lineNo, "duplicate rtpmap for payload type " + m.group(1));
        }
        d.name = m.group(2);
        d.clockRate = MediaLineParser.number(lineNo, m.group(3), 1, Integer.MAX_VALUE, "rtpmap clock rate");
        d.channels = m.group(4) == null ? 0 : MediaLineParser.number(lineNo, m.group(4), 1, 255, "rtpmap channels");
    }

    private void fmtp(int lineNo, String value) throws SdpParseException {
        Matcher m = FMTP.matcher(value);
        if (!m.matches()) {
            throw new SdpParseException(lineNo, "bad fmtp: " + SdpParser.abbreviate(value));
        }
        Draft d = draft(lineNo, m.group(1), "fmtp");
        if (d.fmtp != null) {
            throw new SdpParseException(lineNo, "duplicate fmtp for payload type " + m.group(1));
        }
        d.fmtp = m.group(2) == null ? "" : m.group(2).trim();
    }

    private void rtcpFb(int lineNo, String value) throws SdpParseException {
        Matcher m = RTCP_FB.matcher(value);
        if (!m.matches()) {
            throw new SdpParseException(lineNo, "bad rtcp-fb: " + SdpParser.abbreviate(value));
        }
        if (m.group(1).equals("*")) {
            b.rtcpFbAll.add(m.group(2).trim());
        } else {
            draft(lineNo, m.group(1), "rtcp-fb").rtcpFb.add(m.group(2).trim());
        }
    }

    private void ssrc(int lineNo, String value) throws SdpParseException {
        Matcher m = SSRC.matcher(value);
        if (!m.matches()) {
            throw new SdpParseException(lineNo, "bad ssrc: " + SdpParser.abbreviate(value));
        }
        b.ssrcs.add(new SsrcAttribute(ssrcNumber(lineNo, m.group(1)), m.group(2),
                m.group(3) == null ? "" : m.group(3)));
    }

    private void ssrcGroup(int lineNo, String value) throws SdpParseException {
        String[] t = value.trim().split(" +");
        if (t.length < 2) {
            throw new SdpParseException(lineNo, "bad ssrc-group: " + SdpParser.abbreviate(value));
        }
        List<Long> ssrcs = new ArrayList<>();
        for (int i = 1; i < t.length; i++) {
            ssrcs.add(ssrcNumber(lineNo, t[i]));
        }
        b.ssrcGroups.add(new SsrcGroup(t[0], ssrcs));
    }

    private static long ssrcNumber(int lineNo, String text) throws SdpParseException {
        if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new SdpParseException(lineNo, "bad ssrc: " + SdpParser.abbreviate(text));
        }
        long v = Long.parseLong(text);
        if (v > MAX_SSRC) {
            throw new SdpParseException(lineNo, "ssrc " + v + " out of range 0-" + MAX_SSRC);
        }
        return v;
    }

    private void extmap(int lineNo, String value) throws SdpParseException {
        Matcher m = EXTMAP.matcher(value);
        if (!m.matches()) {
            throw new SdpParseException(lineNo, "bad extmap: " + SdpParser.abbreviate(value));
        }
        int id = MediaLineParser.number(lineNo, m.group(1), 1, 255, "extmap id");
        if (id == 15) {
            // RFC 8285 section 4.2: id 15 is reserved in the one-byte form.
            throw new SdpParseException(lineNo, "extmap id 15 is reserved");
        }
        Direction dir = null;
        if (m.group(2) != null) {
            dir = Direction.fromSdp(m.group(2));
            if (dir == null) {
                throw new SdpParseException(lineNo, "bad extmap direction: " + m.group(2));
            }
        }
        b.extmaps.add(new Extmap(id, dir, m.group(3), m.group(4) == null ? "" : m.group(4)));
    }

    private void msid(int lineNo, String value) throws SdpParseException {
        Msid msid = Msid.parse(value);
        if (msid == null) {
            throw new SdpParseException(lineNo, "bad msid: empty");
        }
        b.msids.add(msid);
    }

    private void mid(int lineNo, String value) throws SdpParseException {
        if (b.mid != null) {
            throw new SdpParseException(lineNo, "duplicate mid");
        }
        if (value.contains(" ")) {
            throw new SdpParseException(lineNo, "bad mid: " + SdpParser.abbreviate(value));
        }
        b.mid = value;
    }

    private void rid(int lineNo, String value) throws SdpParseException {
        Matcher m = RID.matcher(value);
        if (!m.matches()) {
            throw new SdpParseException(lineNo, "bad rid: " + SdpParser.abbreviate(value));
        }
        if (!RidRestrictions.isRidId(m.group(1))) {
            throw new SdpParseException(lineNo, "bad rid-id: " + SdpParser.abbreviate(m.group(1)));
        }
        String restrictions = m.group(3) == null ? "" : m.group(3);
        RidRestrictions.parse(lineNo, restrictions); // RFC 8851 section 10 grammar
        b.rids.add(new Rid(m.group(1), m.group(2), restrictions));
    }

    private static String simulcast(int lineNo, String value) throws SdpParseException {
        SimulcastAttribute.parse(lineNo, value); // RFC 8853 section 5.1 grammar
        return value;
    }

    MediaDescription build() {
        List<Codec> codecs = new ArrayList<>();
        for (Map.Entry<Integer, Draft> e : drafts.entrySet()) {
            Draft d = e.getValue();
            codecs.add(new Codec(e.getKey(), d.name, d.clockRate, d.channels, d.fmtp == null ? "" : d.fmtp, d.rtcpFb));
        }
        b.codecs = codecs;
        return b.build();
    }
}
