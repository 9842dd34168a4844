package io.junction.sfu.sdp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes the server's offer when the set of tracks a participant should receive changes
 * (RFC 8829 section 5.2.2, PROTOCOL.md "Negotiation in an sfu room"):
 * <ul>
 *   <li>m-sections are never reordered or dropped; the client's publish sections are re-offered
 *       with the direction, codecs and extensions of the last answer;</li>
 *   <li>a server section whose track went away becomes {@code inactive} in place (its ssrc and
 *       msid lines removed);</li>
 *   <li>a new track takes the first inactive server section of its kind, else a new section is
 *       appended with a fresh decimal mid;</li>
 *   <li>payload types and header-extension ids come from the plan (the participant's own when
 *       it published; else the defaults of {@link CodecMatcher#defaultPt}, or a free value), so
 *       they are stable per participant and one id never names two URIs in the bundle;</li>
 *   <li>{@code a=setup:actpass} until the DTLS role is known, then the established role's
 *       value (RFC 8842 section 5.2) so a re-offer keeps the DTLS association.</li>
 * </ul>
 * The returned plan is pending: the caller commits it with {@link AnswerApplier#apply}.
 *
 * <p>Not done in this version: tracks are never placed in the client's own recvonly sections
 * (they stay inactive), rejected sections are never recycled, and server offers do not
 * announce {@code a=extmap-allow-mixed} (ids are one-byte, 1-14).
 */
public final class OfferBuilder {

    /** The offer and the pending plan it describes. */
    public record Result(SessionDescription offer, SessionPlan plan) {
        public String sdp() {
            return SdpWriter.write(offer);
        }
    }

    private OfferBuilder() {
    }

    /**
     * @param plan      the participant's current (committed) plan
     * @param tracks    every track the participant should now receive, in priority order; keys unique
     * @param transport the server's ICE/DTLS parameters for this participant
     */
    public static Result build(SessionPlan plan, List<SendTrack> tracks, ServerTransport transport) {
        Map<String, SendTrack> desired = new LinkedHashMap<>();
        for (SendTrack t : tracks) {
            if (desired.put(t.trackKey(), t) != null) {
                throw new IllegalArgumentException("tracks: duplicate trackKey " + t.trackKey());
            }
        }
        PayloadTypeAllocator allocator = new PayloadTypeAllocator(plan);
        List<PlannedSection> sections = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        for (PlannedSection s : plan.sections()) {
            if (s.owner() == PlannedSection.Owner.SERVER && !s.rejected()) {
                SendTrack t = s.track() == null ? null : desired.get(s.track().trackKey());
                if (t != null && t.kind().equals(s.kind())) {
                    placed.add(t.trackKey());
                    sections.add(sending(s.mid(), t, allocator, s.negotiated()));
                } else {
                    sections.add(new PlannedSection(s.mid(), s.kind(), s.owner(), false, Direction.INACTIVE,
                            s.codecs(), s.extmaps(), null, s.negotiated()));
                }
            } else {
                sections.add(s);
            }
        }
        Set<String> newMids = new HashSet<>();
        for (SendTrack t : desired.values()) {
            if (placed.contains(t.trackKey())) {
                continue;
            }
            int slot = freeSlot(sections, t.kind());
            if (slot >= 0) {
                PlannedSection reused = sections.get(slot);
                sections.set(slot, sending(reused.mid(), t, allocator, reused.negotiated()));
            } else {
                String mid = plan.nextMid(newMids);
                newMids.add(mid);
                sections.add(sending(mid, t, allocator, null));
            }
        }
        String setup = plan.dtlsRole() == null ? "actpass" : plan.dtlsRole().setupValue();
        long version = plan.sessionVersion() + 1;
        SessionDescription.Builder offer = SdpAssembly.session(plan.sessionId(), version);
        for (PlannedSection s : sections) {
            offer.media.add(write(s, transport, setup));
        }
        SdpAssembly.bundle(offer);
        SessionPlan pending = new SessionPlan(plan.sessionId(), version, sections, allocator.payloadTypes(),
                allocator.extensionIds(), plan.dtlsRole());
        return new Result(offer.build(), pending);
    }

    private static int freeSlot(List<PlannedSection> sections, String kind) {
        for (int i = 0; i < sections.size(); i++) {
            if (sections.get(i).isFreeServerSlot() && sections.get(i).kind().equals(kind)) {
                return i;
            }
        }
        return -1;
    }

    private static PlannedSection sending(String mid, SendTrack t, PayloadTypeAllocator allocator,
                                          NegotiatedMedia previous) {
        boolean video = t.kind().equals("video");
        List<String> fb = video ? CodecMatcher.VIDEO_RTCP_FB : CodecMatcher.AUDIO_RTCP_FB;
        List<Codec> codecs = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (Codec c : t.codecs()) {
            String key = CodecMatcher.key(c);
            if (c.isRtx() || !keys.add(key)) {
                continue;
            }
            int pt = allocator.payloadType(key, CodecMatcher.defaultPt(c));
            codecs.add(new Codec(pt, c.name(), c.clockRate(), c.channels(), c.fmtp(), fb));
            if (video) {
                int rtxPt = allocator.payloadType("rtx:" + key, CodecMatcher.defaultRtxPt(c));
                codecs.add(new Codec(rtxPt, "rtx", 90000, 0, "apt=" + pt, List.of()));
            }
        }
        List<Extmap> extmaps = new ArrayList<>();
        for (String uri : SupportedExtensions.forKind(t.kind())) {
            if (!uri.equals(SupportedExtensions.RID) && !uri.equals(SupportedExtensions.REPAIRED_RID)) {
                extmaps.add(new Extmap(allocator.extensionId(uri), uri));
            }
        }
        return new PlannedSection(mid, t.kind(), PlannedSection.Owner.SERVER, false, Direction.SENDONLY,
                codecs, extmaps, t, previous);
    }

    private static MediaDescription write(PlannedSection s, ServerTransport transport, String setup) {
        if (!s.rejected() && s.kind().equals("application")) {
            return DataSection.write(s.mid(), DataSection.PROTO, transport, setup); // repeated as accepted
        }
        if (s.rejected() || s.codecs().isEmpty()) {
            boolean data = s.kind().equals("application");
            List<String> formats = data ? List.of("webrtc-datachannel")
                    : s.codecs().isEmpty() ? List.of("0") : List.of(Integer.toString(s.codecs().get(0).pt()));
            return SdpAssembly.rejected(s.kind(), data ? "UDP/DTLS/SCTP" : SdpAssembly.PROTO, formats, s.mid());
        }
        MediaDescription.Builder b = MediaDescription.builder(s.kind(), SdpAssembly.PROTO).codecs(s.codecs());
        SdpAssembly.transport(b, transport, setup);
        b.mid = s.mid();
        b.direction = s.direction();
        b.extmaps = new ArrayList<>(s.extmaps());
        b.rtcpRsize = true;
        if (s.track() != null && s.direction() == Direction.SENDONLY) {
            SdpAssembly.sendTrack(b, s.track());
        }
        NegotiatedMedia n = s.negotiated();
        if (s.owner() == PlannedSection.Owner.CLIENT && n != null && n.simulcast() != null) {
            // Keep receiving the client's simulcast layers (RFC 8853 section 5.3).
            for (Rid rid : n.rids()) {
                b.rids.add(new Rid(rid.id(), "recv", ""));
            }
            b.simulcast = "recv " + n.simulcast().substring(n.simulcast().indexOf(' ') + 1);
        }
        return b.build();
    }
}
