package io.junction.sfu.sdp;

import io.junction.dtls.DtlsRole;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the server must remember about one participant's SDP to stay consistent across
 * offers (RFC 8829 section 5.2.2): the ordered m-sections, the payload type chosen per codec
 * configuration (key from {@link CodecMatcher#key}, RTX under {@code "rtx:" + key}), the
 * header-extension id per URI (unique across the bundle), the o= line's session id and
 * version, and the DTLS role once known. Immutable; builders return new plans.
 */
public record SessionPlan(String sessionId, long sessionVersion, List<PlannedSection> sections,
                          Map<String, Integer> payloadTypes, Map<String, Integer> extensionIds,
                          DtlsRole dtlsRole) {
    public SessionPlan {
        Objects.requireNonNull(sessionId, "sessionId");
        sections = List.copyOf(sections);
        payloadTypes = Map.copyOf(payloadTypes);
        extensionIds = Map.copyOf(extensionIds);
        if (!sessionId.matches("[0-9]{1,19}")) {
            throw new IllegalArgumentException("sessionId must be 1-19 decimal digits, was " + sessionId);
        }
    }

    /** The plan of a participant before any negotiation. */
    public static SessionPlan initial(String sessionId) {
        return new SessionPlan(sessionId, 0, List.of(), Map.of(), Map.of(), null);
    }

    /** The section with this mid, or null. */
    public PlannedSection section(String mid) {
        for (PlannedSection s : sections) {
            if (s.mid().equals(mid)) {
                return s;
            }
        }
        return null;
    }

    /** The mids in order. */
    public List<String> mids() {
        List<String> mids = new ArrayList<>();
        for (PlannedSection s : sections) {
            mids.add(s.mid());
        }
        return mids;
    }

    /** The negotiated state of every section, in order (null entries for never-answered ones). */
    public List<NegotiatedMedia> negotiated() {
        List<NegotiatedMedia> out = new ArrayList<>();
        for (PlannedSection s : sections) {
            out.add(s.negotiated());
        }
        return out;
    }

    /** The smallest decimal mid not yet used, starting at the section count. */
    String nextMid(Set<String> alsoTaken) {
        Set<String> used = new HashSet<>(mids());
        used.addAll(alsoTaken);
        int n = sections.size();
        while (used.contains(Integer.toString(n))) {
            n++;
        }
        return Integer.toString(n);
    }
}
