package io.junction.sfu.sdp;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The SFU's acceptance rules for a client SDP (offer or answer): Unified Plan, BUNDLE over every
 * section in use (RFC 9143), rtcp-mux (RFC 5761), ICE credentials, a DTLS fingerprint and setup
 * role, and a mid on every m-section (RFC 8829 section 5.2.1).
 *
 * <p>Failures are {@link SdpException}s with code {@code unsupported} (no BUNDLE, a section in use
 * outside BUNDLE, no rtcp-mux, Plan B) or {@code bad-sdp} (a required piece is missing).
 */
public final class SdpValidator {

    private SdpValidator() {
    }

    public static void validate(SessionDescription sdp) throws SdpException {
        if (sdp.media().isEmpty()) {
            throw SdpException.badSdp("no m-sections");
        }
        Set<String> mids = new HashSet<>();
        for (int i = 0; i < sdp.media().size(); i++) {
            MediaDescription m = sdp.media().get(i);
            if (m.mid() == null) {
                throw SdpException.badSdp("m-section " + i + " has no a=mid");
            }
            if (!mids.add(m.mid())) {
                throw SdpException.badSdp("duplicate mid " + m.mid());
            }
            checkUnifiedPlan(i, m);
        }
        Group bundle = sdp.bundleGroup();
        if (bundle == null) {
            throw SdpException.unsupported("no a=group:BUNDLE (the server requires max-bundle)");
        }
        for (String mid : bundle.mids()) {
            if (!mids.contains(mid)) {
                throw SdpException.badSdp("BUNDLE names unknown mid " + mid);
            }
        }
        for (int i = 0; i < sdp.media().size(); i++) {
            MediaDescription m = sdp.media().get(i);
            if (m.isRejected()) {
                continue;
            }
            if (!bundle.mids().contains(m.mid())) {
                throw SdpException.unsupported("m-section mid=" + m.mid() + " is not in the BUNDLE group");
            }
            if (m.port() == 0) {
                continue; // bundle-only: transport attributes are omitted (RFC 9143 section 7.5.3)
            }
            if (m.isRtp() && !m.rtcpMux()) {
                throw SdpException.unsupported("m-section mid=" + m.mid() + " has no a=rtcp-mux");
            }
            requirePresent(sdp.effectiveIceUfrag(m), "a=ice-ufrag", m);
            requirePresent(sdp.effectiveIcePwd(m), "a=ice-pwd", m);
            requirePresent(sdp.effectiveFingerprint(m), "a=fingerprint", m);
            requirePresent(sdp.effectiveSetup(m), "a=setup", m);
        }
    }

    /**
     * Plan B puts several tracks in one m-section: several {@code a=msid} lines, or {@code a=ssrc}
     * lines naming more than one msid (RFC 8829 section 5.2.1 allows one track per section).
     */
    private static void checkUnifiedPlan(int index, MediaDescription m) throws SdpException {
        if (m.msids().size() > 1) {
            throw SdpException.unsupported("Plan B: m-section " + index + " has " + m.msids().size()
                    + " a=msid lines (one track per m-section is required)");
        }
        Set<Msid> ssrcMsids = new LinkedHashSet<>();
        for (SsrcAttribute a : m.ssrcs()) {
            if (a.name().equals("msid")) {
                Msid msid = Msid.parse(a.value());
                if (msid != null) {
                    ssrcMsids.add(msid);
                }
            }
        }
        if (ssrcMsids.size() > 1) {
            throw SdpException.unsupported("Plan B: m-section " + index + " has ssrc lines with "
                    + ssrcMsids.size() + " different msids");
        }
    }

    private static void requirePresent(Object value, String what, MediaDescription m) throws SdpException {
        if (value == null) {
            throw SdpException.badSdp("m-section mid=" + m.mid() + " has no " + what);
        }
    }
}
