package io.junction.sfu.sdp;

import io.junction.dtls.Fingerprint;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A whole SDP (RFC 8866) as used by JSEP (RFC 8829). Optional single values are null when absent.
 * Unmodelled session attributes are kept verbatim in {@code otherAttributes} (text after "a="),
 * other session lines ({@code i=}, {@code u=}, {@code c=}, {@code b=}, {@code r=}...) in
 * {@code otherLines}.
 *
 * @param timing          the {@code t=} value, "0 0" for WebRTC
 * @param msidSemantic    the {@code a=msid-semantic:} value as written (e.g. " WMS *"), null when absent
 * @param setup           a session-level {@code a=setup} value, null when absent
 */
public record SessionDescription(
        Origin origin, String sessionName, String timing,
        List<Group> groups, String iceUfrag, String icePwd, String iceOptions, boolean iceLite,
        Fingerprint fingerprint, String setup, String msidSemantic, boolean extmapAllowMixed,
        List<String> otherAttributes, List<String> otherLines, List<MediaDescription> media) {

    public SessionDescription {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(sessionName, "sessionName");
        Objects.requireNonNull(timing, "timing");
        groups = List.copyOf(groups);
        otherAttributes = List.copyOf(otherAttributes);
        otherLines = List.copyOf(otherLines);
        media = List.copyOf(media);
    }

    /** The first BUNDLE group, or null. */
    public Group bundleGroup() {
        for (Group g : groups) {
            if (g.isBundle()) {
                return g;
            }
        }
        return null;
    }

    /** The m-section with this mid, or null. */
    public MediaDescription mediaByMid(String mid) {
        for (MediaDescription m : media) {
            if (mid.equals(m.mid())) {
                return m;
            }
        }
        return null;
    }

    /** The ICE ufrag of a section, falling back to the session level (RFC 8839 section 5.4). */
    public String effectiveIceUfrag(MediaDescription m) {
        return m.iceUfrag() != null ? m.iceUfrag() : iceUfrag;
    }

    /** The ICE password of a section, falling back to the session level. */
    public String effectiveIcePwd(MediaDescription m) {
        return m.icePwd() != null ? m.icePwd() : icePwd;
    }

    /** The fingerprint of a section, falling back to the session level (RFC 8122 section 5). */
    public Fingerprint effectiveFingerprint(MediaDescription m) {
        return m.fingerprint() != null ? m.fingerprint() : fingerprint;
    }

    /** The setup role of a section, falling back to the session level (RFC 4145 section 4). */
    public String effectiveSetup(MediaDescription m) {
        return m.setup() != null ? m.setup() : setup;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder(Origin origin) {
        return new Builder(origin);
    }

    /** A mutable builder; {@link #build()} makes the immutable record. */
    public static final class Builder {
        public Origin origin;
        public String sessionName = "-";
        public String timing = "0 0";
        public List<Group> groups = new ArrayList<>();
        public String iceUfrag;
        public String icePwd;
        public String iceOptions;
        public boolean iceLite;
        public Fingerprint fingerprint;
        public String setup;
        public String msidSemantic;
        public boolean extmapAllowMixed;
        public List<String> otherAttributes = new ArrayList<>();
        public List<String> otherLines = new ArrayList<>();
        public List<MediaDescription> media = new ArrayList<>();

        Builder(Origin origin) {
            this.origin = origin;
        }

        Builder(SessionDescription s) {
            origin = s.origin; sessionName = s.sessionName; timing = s.timing;
            groups = new ArrayList<>(s.groups); iceUfrag = s.iceUfrag; icePwd = s.icePwd;
            iceOptions = s.iceOptions; iceLite = s.iceLite; fingerprint = s.fingerprint; setup = s.setup;
            msidSemantic = s.msidSemantic; extmapAllowMixed = s.extmapAllowMixed;
            otherAttributes = new ArrayList<>(s.otherAttributes); otherLines = new ArrayList<>(s.otherLines);
            media = new ArrayList<>(s.media);
        }

        public SessionDescription build() {
            return new SessionDescription(origin, sessionName, timing, groups, iceUfrag, icePwd, iceOptions,
                    iceLite, fingerprint, setup, msidSemantic, extmapAllowMixed, otherAttributes, otherLines, media);
        }
    }
}
