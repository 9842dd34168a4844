package io.junction.sfu.sdp;

import io.junction.dtls.Fingerprint;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One m-section (RFC 8866 section 5.14) with the Unified Plan attributes parsed into fields.
 * Optional single values are null when absent; lists are empty. Attributes the parser does not
 * model are kept verbatim in {@code otherAttributes} (the text after {@code "a="}) and other
 * media-level lines ({@code i=}, {@code k=}) in {@code otherLines}, so a round trip loses nothing
 * but the original line order.
 *
 * @param kind      the media type: "audio", "video", "application"...
 * @param port      the port; 0 rejects the section unless it is {@code bundleOnly} (RFC 9143 section 7.5.3)
 * @param portCount the "/n" after the port, 0 when absent
 * @param proto     e.g. "UDP/TLS/RTP/SAVPF" or "UDP/DTLS/SCTP"
 * @param formats   the fmt list exactly as on the m-line (payload types for RTP)
 * @param codecs    one entry per RTP payload type, in m-line order
 * @param rtcpFbAll rtcp-fb values given for every payload type ({@code a=rtcp-fb:*})
 */
public record MediaDescription(
        String kind, int port, int portCount, String proto, List<String> formats,
        String connection, List<String> bandwidths,
        String mid, Direction direction, List<Msid> msids,
        List<SsrcAttribute> ssrcs, List<SsrcGroup> ssrcGroups,
        List<Codec> codecs, List<String> rtcpFbAll, List<Extmap> extmaps,
        List<Rid> rids, String simulcast,
        String iceUfrag, String icePwd, String iceOptions, Fingerprint fingerprint, String setup,
        List<String> candidates, boolean endOfCandidates,
        boolean rtcpMux, boolean rtcpRsize, boolean bundleOnly,
        List<String> otherAttributes, List<String> otherLines) {

    public MediaDescription {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(proto, "proto");
        Objects.requireNonNull(direction, "direction");
        formats = List.copyOf(formats);
        bandwidths = List.copyOf(bandwidths);
        msids = List.copyOf(msids);
        ssrcs = List.copyOf(ssrcs);
        ssrcGroups = List.copyOf(ssrcGroups);
        codecs = List.copyOf(codecs);
        rtcpFbAll = List.copyOf(rtcpFbAll);
        extmaps = List.copyOf(extmaps);
        rids = List.copyOf(rids);
        candidates = List.copyOf(candidates);
        otherAttributes = List.copyOf(otherAttributes);
        otherLines = List.copyOf(otherLines);
    }

    /** True for a rejected section: port 0 without {@code a=bundle-only} (RFC 8829 section 5.2.2). */
    public boolean isRejected() {
        return port == 0 && !bundleOnly;
    }

    /** True when the proto carries RTP (as opposed to SCTP data channels). */
    public boolean isRtp() {
        return proto.contains("RTP/");
    }

    /** The codec with this payload type, or null. */
    public Codec codec(int pt) {
        for (Codec c : codecs) {
            if (c.pt() == pt) {
                return c;
            }
        }
        return null;
    }

    /** The id of the extension with this URI, or -1. */
    public int extmapId(String uri) {
        for (Extmap e : extmaps) {
            if (e.uri().equals(uri)) {
                return e.id();
            }
        }
        return -1;
    }

    /** The values of {@code a=ssrc:<ssrc> <name>:...} lines for one SSRC and name, or null. */
    public String ssrcAttribute(long ssrc, String name) {
        for (SsrcAttribute a : ssrcs) {
            if (a.ssrc() == ssrc && a.name().equals(name)) {
                return a.value();
            }
        }
        return null;
    }

    /** The distinct SSRCs of the {@code a=ssrc} lines, in order of appearance. */
    public List<Long> ssrcIds() {
        List<Long> ids = new ArrayList<>();
        for (SsrcAttribute a : ssrcs) {
            if (!ids.contains(a.ssrc())) {
                ids.add(a.ssrc());
            }
        }
        return ids;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder(String kind, String proto) {
        return new Builder(kind, proto);
    }

    /** A mutable builder; {@link #build()} makes the immutable record. */
    public static final class Builder {
        public String kind;
        public int port = 9;
        public int portCount;
        public String proto;
        public List<String> formats = new ArrayList<>();
        public String connection;
        public List<String> bandwidths = new ArrayList<>();
        public String mid;
        public Direction direction = Direction.SENDRECV;
        public List<Msid> msids = new ArrayList<>();
        public List<SsrcAttribute> ssrcs = new ArrayList<>();
        public List<SsrcGroup> ssrcGroups = new ArrayList<>();
        public List<Codec> codecs = new ArrayList<>();
        public List<String> rtcpFbAll = new ArrayList<>();
        public List<Extmap> extmaps = new ArrayList<>();
        public List<Rid> rids = new ArrayList<>();
        public String simulcast;
        public String iceUfrag;
        public String icePwd;
        public String iceOptions;
        public Fingerprint fingerprint;
        public String setup;
        public List<String> candidates = new ArrayList<>();
        public boolean endOfCandidates;
        public boolean rtcpMux;
        public boolean rtcpRsize;
        public boolean bundleOnly;
        public List<String> otherAttributes = new ArrayList<>();
        public List<String> otherLines = new ArrayList<>();

        Builder(String kind, String proto) {
            this.kind = kind;
            this.proto = proto;
        }

        Builder(MediaDescription m) {
            kind = m.kind; port = m.port; portCount = m.portCount; proto = m.proto;
            formats = new ArrayList<>(m.formats); connection = m.connection;
            bandwidths = new ArrayList<>(m.bandwidths); mid = m.mid; direction = m.direction;
            msids = new ArrayList<>(m.msids); ssrcs = new ArrayList<>(m.ssrcs);
            ssrcGroups = new ArrayList<>(m.ssrcGroups); codecs = new ArrayList<>(m.codecs);
            rtcpFbAll = new ArrayList<>(m.rtcpFbAll); extmaps = new ArrayList<>(m.extmaps);
            rids = new ArrayList<>(m.rids); simulcast = m.simulcast; iceUfrag = m.iceUfrag;
            icePwd = m.icePwd; iceOptions = m.iceOptions; fingerprint = m.fingerprint; setup = m.setup;
            candidates = new ArrayList<>(m.candidates); endOfCandidates = m.endOfCandidates;
            rtcpMux = m.rtcpMux; rtcpRsize = m.rtcpRsize; bundleOnly = m.bundleOnly;
            otherAttributes = new ArrayList<>(m.otherAttributes); otherLines = new ArrayList<>(m.otherLines);
        }

        /** Sets the codecs and the m-line formats from their payload types. */
        public Builder codecs(List<Codec> list) {
            codecs = new ArrayList<>(list);
            formats = new ArrayList<>();
            for (Codec c : list) {
                formats.add(Integer.toString(c.pt()));
            }
            return this;
        }

        public MediaDescription build() {
            return new MediaDescription(kind, port, portCount, proto, formats, connection, bandwidths,
                    mid, direction, msids, ssrcs, ssrcGroups, codecs, rtcpFbAll, extmaps, rids, simulcast,
                    iceUfrag, icePwd, iceOptions, fingerprint, setup, candidates, endOfCandidates,
                    rtcpMux, rtcpRsize, bundleOnly, otherAttributes, otherLines);
        }
    }
}
