package io.junction.sfu.sdp;

import io.junction.dtls.DtlsRole;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the client's answer to a server offer against the pending plan and commits it
 * (RFC 8829 section 5.10, RFC 3264 section 6): same m-section count, order, mids and kinds; each
 * accepted section uses only offered payload types with the offered configuration (JSEP answerers
 * reuse the offerer's payload types) and offered extension ids; the direction is one the offer
 * allows; the DTLS role follows the answer's {@code a=setup} (RFC 5763 section 5:
 * {@code active} makes the server the DTLS server).
 */
public final class AnswerApplier {

    /** The committed plan and what each section negotiated. */
    public record Result(SessionPlan plan, List<NegotiatedMedia> media) {
    }

    private AnswerApplier() {
    }

    /**
     * @param pending the plan returned with the server's offer
     * @param answer  the client's parsed answer
     * @throws SdpException {@code bad-sdp} or {@code unsupported}; the pending plan stays uncommitted
     */
    public static Result apply(SessionPlan pending, SessionDescription answer) throws SdpException {
        SdpValidator.validate(answer);
        List<PlannedSection> planned = pending.sections();
        if (answer.media().size() != planned.size()) {
            throw SdpException.badSdp("the answer has " + answer.media().size() + " m-sections, the offer had "
                    + planned.size());
        }
        DtlsRole role = null;
        List<PlannedSection> sections = new ArrayList<>();
        List<NegotiatedMedia> media = new ArrayList<>();
        for (int i = 0; i < planned.size(); i++) {
            PlannedSection s = planned.get(i);
            MediaDescription m = answer.media().get(i);
            if (!s.mid().equals(m.mid()) || !s.kind().equals(m.kind())) {
                throw SdpException.badSdp("m-section " + i + " answered as mid=" + m.mid() + " " + m.kind()
                        + ", offered mid=" + s.mid() + " " + s.kind());
            }
            if (role == null && !m.isRejected() && m.port() != 0) {
                role = roleFromAnswer(answer.effectiveSetup(m), pending.dtlsRole());
            }
            if (s.rejected() || m.isRejected()) {
                NegotiatedMedia n = new NegotiatedMedia(s.mid(), s.kind(), true, Direction.INACTIVE, List.of(),
                        Map.of(), Map.of(), null, List.of(), List.of(), null);
                sections.add(s.withNegotiated(n, true));
                media.add(n);
                continue;
            }
            if (s.kind().equals("application")) {
                NegotiatedMedia n = DataSection.negotiated(s.mid(), false);
                sections.add(s.withNegotiated(n, false));
                media.add(n);
                continue;
            }
            NegotiatedMedia n = negotiate(i, s, m);
            sections.add(s.withNegotiated(n, false));
            media.add(n);
        }
        if (role == null) {
            throw SdpException.badSdp("the answer accepts no m-section");
        }
        SessionPlan committed = new SessionPlan(pending.sessionId(), pending.sessionVersion(), sections,
                pending.payloadTypes(), pending.extensionIds(), role);
        return new Result(committed, media);
    }

    /** RFC 5763 section 5: the answer says active or passive; it must keep an established role. */
    static DtlsRole roleFromAnswer(String setup, DtlsRole current) throws SdpException {
        DtlsRole role = switch (setup == null ? "" : setup) {
            case "active" -> DtlsRole.SERVER;
            case "passive" -> DtlsRole.CLIENT;
            default -> throw SdpException.badSdp("answer a=setup must be active or passive, was " + setup);
        };
        if (current != null && current != role) {
            throw SdpException.unsupported("the answer changes the DTLS role (setup " + setup + ")");
        }
        return role;
    }

    private static NegotiatedMedia negotiate(int index, PlannedSection s, MediaDescription m) throws SdpException {
        Direction answered = m.direction();
        // RFC 3264 section 6.1: the answer may only narrow the offered direction, mirrored.
        Direction allowed = s.direction().reversed();
        if ((answered.sends() && !allowed.sends()) || (answered.receives() && !allowed.receives())) {
            throw SdpException.badSdp("m-section " + index + " answered " + answered.sdpName() + " to "
                    + s.direction().sdpName());
        }
        List<Codec> accepted = new ArrayList<>();
        for (Codec c : m.codecs()) {
            Codec offered = null;
            for (Codec o : s.codecs()) {
                if (o.pt() == c.pt()) {
                    offered = o;
                }
            }
            if (offered == null || !CodecMatcher.key(offered).equals(CodecMatcher.key(c))
                    || (c.isRtx() && c.apt() != offered.apt())) {
                throw SdpException.badSdp("m-section " + index + " answers payload type " + c.pt() + " "
                        + c.rtpmap() + " that was not offered so");
            }
            accepted.add(offered);
        }
        if (SdpAssembly.primaries(accepted).isEmpty()) {
            throw SdpException.badSdp("m-section " + index + " accepts no offered codec");
        }
        Map<String, Integer> extIds = new LinkedHashMap<>();
        for (Extmap e : m.extmaps()) {
            int offeredId = -1;
            for (Extmap o : s.extmaps()) {
                if (o.uri().equals(e.uri())) {
                    offeredId = o.id();
                }
            }
            if (offeredId >= 0 && offeredId != e.id()) {
                throw SdpException.badSdp("m-section " + index + " answers extmap " + e.uri() + " with id "
                        + e.id() + ", offered " + offeredId);
            }
            if (offeredId >= 0) {
                extIds.put(e.uri(), e.id());
            }
        }
        Direction serverView = answered.reversed();
        SendTrack t = s.track();
        boolean sending = t != null && serverView.sends();
        NegotiatedMedia prev = s.owner() == PlannedSection.Owner.CLIENT ? s.negotiated() : null;
        List<SourceSsrcs> sources;
        Msid msid;
        if (sending) {
            sources = List.of(new SourceSsrcs(t.ssrc(), t.rtxSsrc(), t.cname()));
            msid = new Msid(t.streamId(), t.trackId());
        } else if (s.owner() == PlannedSection.Owner.CLIENT) {
            // The client's answer names its current sending SSRCs and msid; keep the old ones if absent.
            List<SourceSsrcs> announced = SdpAssembly.sources(m);
            Msid announcedMsid = SdpAssembly.msid(m);
            sources = !announced.isEmpty() || prev == null ? announced : prev.sources();
            msid = announcedMsid != null || prev == null ? announcedMsid : prev.msid();
        } else {
            sources = List.of();
            msid = null;
        }
        return new NegotiatedMedia(s.mid(), s.kind(), false, serverView, SdpAssembly.primaries(accepted),
                CodecMatcher.rtxByPrimary(accepted), extIds, msid, sources,
                prev == null ? List.of() : prev.rids(), prev == null ? null : prev.simulcast(),
                prev == null ? List.of() : prev.simulcastSsrcs());
    }
}
