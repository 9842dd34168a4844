package io.junction.sfu.sdp;

import io.junction.dtls.DtlsRole;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers a client's offer (RFC 8829 section 5.3, RFC 3264 section 6): every offered m-section is
 * answered in order with the same mid; supported codecs and header extensions keep the client's
 * payload types and ids; a section the client sends on is answered {@code recvonly}, a client
 * {@code recvonly} section {@code inactive} (the server does not yet put its tracks there);
 * unsupported kinds or codec sets are rejected with port 0. One data-channel section (RFC 8841)
 * is accepted ({@link DataSection}). Sections the server created
 * (present in the plan as server-owned) keep sending their track.
 *
 * <p>DTLS (RFC 5763 section 5, RFC 8842 section 5.3): the server prefers to be the DTLS server,
 * so it answers {@code a=setup:passive} to {@code actpass} or {@code active}; to {@code passive}
 * it answers {@code active}. Once a role is established a re-offer must keep it; a role change
 * is refused as {@code unsupported}.
 */
public final class AnswerBuilder {

    /** The answer, the participant's updated plan and what each section negotiated. */
    public record Result(SessionDescription answer, SessionPlan plan, List<NegotiatedMedia> media) {
        public String sdp() {
            return SdpWriter.write(answer);
        }
    }

    private AnswerBuilder() {
    }

    /**
     * @param offer     the client's parsed offer
     * @param transport the server's ICE/DTLS parameters for this participant
     * @param plan      the participant's current plan ({@link SessionPlan#initial} before any negotiation)
     * @throws SdpException {@code bad-sdp} or {@code unsupported}; nothing is changed then
     */
    public static Result build(SessionDescription offer, ServerTransport transport, SessionPlan plan)
            throws SdpException {
        return build(offer, transport, plan, List.of());
    }

    /**
     * As {@link #build(SessionDescription, ServerTransport, SessionPlan)}, also placing
     * {@code place} (in order) into the client's new {@code recvonly} sections: each track takes
     * the first such section of its kind whose offered codecs include the track's codec, answered
     * {@code sendonly} ({@link RecvSectionAnswer}); a receive section left without a track is
     * answered {@code inactive}. The planned sections that got a track name it.
     */
    public static Result build(SessionDescription offer, ServerTransport transport, SessionPlan plan,
                               List<SendTrack> place) throws SdpException {
        return build(offer, transport, plan, place, false);
    }

    /**
     * As {@link #build(SessionDescription, ServerTransport, SessionPlan, List)}; with
     * {@code sendrecv}, {@code place} also goes into the client's new {@code sendrecv} sections,
     * answered {@code sendrecv} (the client publishes there and receives the track), and a
     * re-offered section that carries a track keeps it. For a client that has the server as its
     * only peer (a classic socket.io client in an sfu room, PROTOCOL.md "socket.io front").
     */
    public static Result build(SessionDescription offer, ServerTransport transport, SessionPlan plan,
                               List<SendTrack> place, boolean sendrecv) throws SdpException {
        SdpValidator.validate(offer);
        List<SendTrack> unplaced = new ArrayList<>(place);
        if (offer.media().size() < plan.sections().size()) {
            throw SdpException.badSdp("the offer has " + offer.media().size() + " m-sections, "
                    + plan.sections().size() + " were negotiated (m-sections may not be removed)");
        }
        DtlsRole role = chooseRole(offeredSetup(offer), plan.dtlsRole());
        SessionDescription.Builder answer = SdpAssembly.session(plan.sessionId(), plan.sessionVersion() + 1);
        answer.extmapAllowMixed = offer.extmapAllowMixed();
        List<PlannedSection> sections = new ArrayList<>();
        List<NegotiatedMedia> media = new ArrayList<>();
        boolean dataAccepted = false;
        for (int i = 0; i < offer.media().size(); i++) {
            MediaDescription m = offer.media().get(i);
            PlannedSection known = i < plan.sections().size() ? plan.sections().get(i) : null;
            if (known != null && !(known.mid().equals(m.mid()) && known.kind().equals(m.kind()))) {
                if (!known.rejected()) {
                    throw SdpException.badSdp("m-section " + i + " was mid=" + known.mid() + " " + known.kind()
                            + ", the offer has mid=" + m.mid() + " " + m.kind() + " (m-sections may not be reordered)");
                }
                known = null; // RFC 8829 section 5.2.2: a rejected m-section may be recycled with a new mid
            }
            PlannedSection planned = known != null && known.owner() == PlannedSection.Owner.SERVER
                    ? ServerSectionAnswer.answer(m, known, transport, role.setupValue(), answer.media)
                    : known == null ? placeTrack(m, unplaced, transport, role.setupValue(), answer.media, sendrecv)
                    : known.track() != null && !known.rejected() && !m.isRejected()
                    ? RecvSectionAnswer.answer(m, CodecMatcher.select(m.kind(), withWildcardFb(m)), known.track(),
                            transport, role.setupValue(), answer.media, true)
                    : null;
            if (planned == null && SctpDescription.isDataSection(m)) {
                planned = DataSection.answer(m, transport, role.setupValue(), answer.media, dataAccepted);
                dataAccepted |= !planned.rejected();
            }
            if (planned == null) {
                planned = answerClientSection(m, transport, role.setupValue(), answer.media);
            }
            sections.add(planned);
            media.add(planned.negotiated());
        }
        SdpAssembly.bundle(answer);
        SessionPlan next = new SessionPlan(plan.sessionId(), plan.sessionVersion() + 1, sections,
                payloadTypes(plan, sections), extensionIds(plan, sections), role);
        return new Result(answer.build(), next, media);
    }

    /** The setup value of the first section in use (all bundled sections share one transport). */
    private static String offeredSetup(SessionDescription offer) throws SdpException {
        for (MediaDescription m : offer.media()) {
            if (!m.isRejected() && m.port() != 0) {
                return offer.effectiveSetup(m);
            }
        }
        throw SdpException.badSdp("no m-section in use");
    }

    /** RFC 5763 section 5 and RFC 8842 section 5.3: the server's DTLS role for an offered setup. */
    static DtlsRole chooseRole(String offered, DtlsRole current) throws SdpException {
        DtlsRole wanted = switch (offered == null ? "" : offered) {
            case "actpass" -> current != null ? current : DtlsRole.SERVER;
            case "active" -> DtlsRole.SERVER;
            case "passive" -> DtlsRole.CLIENT;
            default -> throw SdpException.badSdp("offer a=setup must be actpass, active or passive, was " + offered);
        };
        if (current != null && current != wanted) {
            throw SdpException.unsupported("the offer changes the DTLS role (setup " + offered
                    + "); the server keeps the established association");
        }
        return wanted;
    }

    /** A new client recvonly section carrying the first of {@code unplaced} it can; null when none fits. */
    private static PlannedSection placeTrack(MediaDescription m, List<SendTrack> unplaced, ServerTransport transport,
                                             String setup, List<MediaDescription> out, boolean sendrecv) {
        boolean fits = m.direction() == Direction.RECVONLY || sendrecv && m.direction() == Direction.SENDRECV;
        if (unplaced.isEmpty() || m.isRejected() || !fits || !m.isRtp()) {
            return null;
        }
        List<Codec> accepted = CodecMatcher.select(m.kind(), withWildcardFb(m));
        for (int i = 0; i < unplaced.size(); i++) {
            SendTrack t = unplaced.get(i);
            if (!t.kind().equals(m.kind())) {
                continue;
            }
            PlannedSection p = RecvSectionAnswer.answer(m, accepted, t, transport, setup, out,
                    sendrecv && m.direction() == Direction.SENDRECV);
            if (p != null) {
                unplaced.remove(i);
                return p;
            }
        }
        return null;
    }

    private static PlannedSection answerClientSection(MediaDescription m, ServerTransport transport, String setup,
                                                      List<MediaDescription> out) {
        boolean kindOk = m.isRtp() && (m.kind().equals("audio") || m.kind().equals("video"));
        List<Codec> codecs = kindOk && !m.isRejected() ? CodecMatcher.select(m.kind(), withWildcardFb(m)) : List.of();
        if (SdpAssembly.primaries(codecs).isEmpty()) {
            out.add(SdpAssembly.rejected(m.kind(), m.proto(), m.formats(), m.mid()));
            NegotiatedMedia n = new NegotiatedMedia(m.mid(), m.kind(), true, Direction.INACTIVE, List.of(),
                    Map.of(), Map.of(), null, List.of(), List.of(), null);
            return new PlannedSection(m.mid(), m.kind(), PlannedSection.Owner.CLIENT, true, Direction.INACTIVE,
                    List.of(), List.of(), null, n);
        }
        Direction dir = m.direction().sends() ? Direction.RECVONLY : Direction.INACTIVE;
        List<Extmap> extmaps = SupportedExtensions.answer(m.kind(), m.extmaps());
        MediaDescription.Builder b = MediaDescription.builder(m.kind(), m.proto()).codecs(codecs);
        SdpAssembly.transport(b, transport, setup);
        b.mid = m.mid();
        b.direction = dir;
        b.extmaps = new ArrayList<>(extmaps);
        b.rtcpRsize = m.rtcpRsize();
        boolean simulcast = dir.receives() && !m.rids().isEmpty() && m.simulcast() != null
                && m.simulcast().startsWith("send ") && containsUri(extmaps, SupportedExtensions.RID);
        if (simulcast) {
            // RFC 8853 section 5.3: the answer mirrors the rids and simulcast streams with recv.
            for (Rid rid : m.rids()) {
                if (rid.direction().equals("send")) {
                    b.rids.add(new Rid(rid.id(), "recv", ""));
                }
            }
            b.simulcast = "recv " + m.simulcast().substring("send ".length());
        }
        out.add(b.build());
        Map<String, Integer> extIds = new LinkedHashMap<>();
        for (Extmap e : extmaps) {
            extIds.put(e.uri(), e.id());
        }
        NegotiatedMedia n = new NegotiatedMedia(m.mid(), m.kind(), false, dir, SdpAssembly.primaries(codecs),
                CodecMatcher.rtxByPrimary(codecs), extIds, SdpAssembly.msid(m), SdpAssembly.sources(m),
                simulcast ? m.rids() : List.of(), simulcast ? m.simulcast() : null,
                dir.receives() && !simulcast ? ssrcGroupLayers(m) : List.of());
        return new PlannedSection(m.mid(), m.kind(), PlannedSection.Owner.CLIENT, false, dir, codecs, extmaps, null, n);
    }

    /**
     * The layers of SSRC-group simulcast ({@code a=ssrc-group:SIM}, RFC 5576 §4; older Chrome and
     * munged SDP), lowest first with their RTX SSRCs; empty when the section has none or its groups
     * are inconsistent (then the section is forwarded as a plain one, its first SSRC).
     */
    private static List<SourceSsrcs> ssrcGroupLayers(MediaDescription m) {
        SimulcastDescription d;
        try {
            d = SimulcastDescription.ofSender(m);
        } catch (SdpParseException e) {
            return List.of();
        }
        if (d == null || d.ridBased()) {
            return List.of();
        }
        List<SourceSsrcs> out = new ArrayList<>();
        for (SimulcastLayer l : d.layers()) {
            out.add(new SourceSsrcs(l.ssrc(), l.rtxSsrc(), null));
        }
        return out;
    }

    /** The offered codecs with {@code a=rtcp-fb:*} values added to each (RFC 4585 section 4.2). */
    private static List<Codec> withWildcardFb(MediaDescription m) {
        if (m.rtcpFbAll().isEmpty()) {
            return m.codecs();
        }
        List<Codec> out = new ArrayList<>();
        for (Codec c : m.codecs()) {
            List<String> fb = new ArrayList<>(c.rtcpFb());
            fb.addAll(m.rtcpFbAll());
            out.add(c.withRtcpFb(fb));
        }
        return out;
    }

    private static boolean containsUri(List<Extmap> extmaps, String uri) {
        for (Extmap e : extmaps) {
            if (e.uri().equals(uri)) {
                return true;
            }
        }
        return false;
    }

    /** Records the client's payload type per codec configuration, first use wins (stable per participant). */
    static Map<String, Integer> payloadTypes(SessionPlan plan, List<PlannedSection> sections) {
        Map<String, Integer> map = new HashMap<>(plan.payloadTypes());
        for (PlannedSection s : sections) {
            if (s.owner() != PlannedSection.Owner.CLIENT || s.rejected()) {
                continue;
            }
            Map<Integer, Codec> byPt = new HashMap<>();
            for (Codec c : s.codecs()) {
                byPt.put(c.pt(), c);
            }
            for (Codec c : s.codecs()) {
                if (!c.isRtx()) {
                    putIfFree(map, CodecMatcher.key(c), c.pt());
                } else if (byPt.containsKey(c.apt())) {
                    putIfFree(map, "rtx:" + CodecMatcher.key(byPt.get(c.apt())), c.pt());
                }
            }
        }
        return map;
    }

    /** Records the client's header-extension ids, keeping one id per URI and one URI per id. */
    static Map<String, Integer> extensionIds(SessionPlan plan, List<PlannedSection> sections) {
        Map<String, Integer> map = new HashMap<>(plan.extensionIds());
        for (PlannedSection s : sections) {
            if (s.owner() == PlannedSection.Owner.CLIENT && !s.rejected()) {
                for (Extmap e : s.extmaps()) {
                    putIfFree(map, e.uri(), e.id());
                }
            }
        }
        return map;
    }

    private static void putIfFree(Map<String, Integer> map, String key, int value) {
        if (!map.containsKey(key) && !map.containsValue(value)) {
            map.put(key, value);
        }
    }
}
