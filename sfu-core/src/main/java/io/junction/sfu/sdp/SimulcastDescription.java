package io.junction.sfu.sdp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The simulcast layers the author of an m-section sends, from either form browsers use:
 * <ul>
 *   <li>rid-based (RFC 8853 with RFC 8851): {@code a=simulcast:send ...} and one
 *       {@code a=rid:<id> send ...} line per rid; layers in {@code a=simulcast} order, their
 *       SSRCs learned later from the RID header extension (RFC 8852);</li>
 *   <li>SSRC groups (older Chrome, RFC 5576 groups): {@code a=ssrc-group:SIM s1 s2 s3}, lowest
 *       layer first, each with its RTX SSRC from {@code a=ssrc-group:FID s r} (RFC 4588).</li>
 * </ul>
 * When both are present the rid form wins. Inconsistencies are SdpParseExceptions on line 0
 * (they span lines): a rid in {@code a=simulcast} without an {@code a=rid} line of the same
 * direction, a {@code pt=} not on the m-line, more than one SIM group, an ssrc twice in it, or
 * an FID group that is not a pair.
 *
 * @param ridBased true for the rid form
 */
public record SimulcastDescription(boolean ridBased, List<SimulcastLayer> layers) {
    public SimulcastDescription {
        layers = List.copyOf(layers);
    }

    /** The sent layers of {@code m}, or null when it announces no simulcast. */
    public static SimulcastDescription ofSender(MediaDescription m) throws SdpParseException {
        if (m.simulcast() != null) {
            SimulcastAttribute sc = SimulcastAttribute.parse(0, m.simulcast());
            if (!sc.send().isEmpty()) {
                return ridBased(m, sc);
            }
        }
        return ssrcGroups(m);
    }

    private static SimulcastDescription ridBased(MediaDescription m, SimulcastAttribute sc) throws SdpParseException {
        Map<String, RidRestrictions> rids = new HashMap<>();
        for (Rid r : m.rids()) {
            if (r.direction().equals("send")) {
                RidRestrictions rr = RidRestrictions.parse(0, r.restrictions());
                for (int pt : rr.payloadTypes()) {
                    if (!m.formats().contains(Integer.toString(pt))) {
                        throw new SdpParseException(0, "rid " + r.id() + " names payload type " + pt
                                + " that is not on the m-line");
                    }
                }
                rids.put(r.id(), rr);
            }
        }
        List<SimulcastLayer> layers = new ArrayList<>();
        for (List<SimulcastId> stream : sc.send()) {
            List<String> alternatives = new ArrayList<>();
            for (SimulcastId id : stream) {
                if (!rids.containsKey(id.rid())) {
                    throw new SdpParseException(0, "rid " + id.rid() + " in a=simulcast has no a=rid send line");
                }
                alternatives.add(id.rid());
            }
            SimulcastId first = stream.get(0);
            layers.add(new SimulcastLayer(first.rid(), alternatives, first.paused(), -1, -1, rids.get(first.rid())));
        }
        return new SimulcastDescription(true, layers);
    }

    private static SimulcastDescription ssrcGroups(MediaDescription m) throws SdpParseException {
        SsrcGroup sim = null;
        Map<Long, Long> rtx = new HashMap<>();
        for (SsrcGroup g : m.ssrcGroups()) {
            if (g.semantics().equals("SIM")) {
                if (sim != null) {
                    throw new SdpParseException(0, "more than one ssrc-group:SIM in an m-section");
                }
                sim = g;
            } else if (g.semantics().equals("FID")) {
                if (g.ssrcs().size() != 2) {
                    throw new SdpParseException(0, "ssrc-group:FID needs exactly 2 ssrcs, has " + g.ssrcs().size());
                }
                rtx.put(g.ssrcs().get(0), g.ssrcs().get(1));
            }
        }
        if (sim == null) {
            return null;
        }
        if (sim.ssrcs().size() < 2) {
            throw new SdpParseException(0, "ssrc-group:SIM needs at least 2 ssrcs, has " + sim.ssrcs().size());
        }
        Set<Long> seen = new HashSet<>();
        List<SimulcastLayer> layers = new ArrayList<>();
        for (long ssrc : sim.ssrcs()) {
            if (!seen.add(ssrc)) {
                throw new SdpParseException(0, "ssrc " + ssrc + " twice in ssrc-group:SIM");
            }
            layers.add(new SimulcastLayer(null, List.of(), false, ssrc, rtx.getOrDefault(ssrc, -1L),
                    RidRestrictions.NONE));
        }
        return new SimulcastDescription(false, layers);
    }
}
