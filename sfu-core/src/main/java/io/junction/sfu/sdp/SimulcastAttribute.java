package io.junction.sfu.sdp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The value of {@code a=simulcast} (RFC 8853 section 5.1):
 * <pre>
 *   sc-value    = ( sc-send [SP sc-recv] ) / ( sc-recv [SP sc-send] )
 *   sc-send     = "send" SP sc-str-list      sc-recv = "recv" SP sc-str-list
 *   sc-str-list = sc-alt-list *( ";" sc-alt-list )
 *   sc-alt-list = sc-id *( "," sc-id )       sc-id   = [ "~" ] rid-id
 * </pre>
 * Each direction is a list of simulcast streams, each stream a list of alternatives (one of
 * which is used at a time). A rid-id may appear only once in the whole attribute (section 5.2).
 *
 * @param send streams the offerer sends, empty when absent
 * @param recv streams the offerer receives, empty when absent
 */
public record SimulcastAttribute(List<List<SimulcastId>> send, List<List<SimulcastId>> recv) {
    public SimulcastAttribute {
        send = copy(send);
        recv = copy(recv);
    }

    private static List<List<SimulcastId>> copy(List<List<SimulcastId>> streams) {
        List<List<SimulcastId>> out = new ArrayList<>();
        for (List<SimulcastId> s : streams) {
            out.add(List.copyOf(s));
        }
        return List.copyOf(out);
    }

    /**
     * Parses an attribute value.
     *
     * @param lineNo line reported in the exception
     * @throws SdpParseException on a value outside the grammar or a repeated rid-id
     */
    public static SimulcastAttribute parse(int lineNo, String value) throws SdpParseException {
        String[] parts = value.trim().split(" ", -1);
        if (parts.length != 2 && parts.length != 4) {
            throw bad(lineNo, value, "expected <send|recv> <streams> [<recv|send> <streams>]");
        }
        List<List<SimulcastId>> send = null;
        List<List<SimulcastId>> recv = null;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < parts.length; i += 2) {
            List<List<SimulcastId>> streams = streams(lineNo, value, parts[i + 1], seen);
            switch (parts[i]) {
                case "send" -> {
                    if (send != null) {
                        throw bad(lineNo, value, "send twice");
                    }
                    send = streams;
                }
                case "recv" -> {
                    if (recv != null) {
                        throw bad(lineNo, value, "recv twice");
                    }
                    recv = streams;
                }
                default -> throw bad(lineNo, value, "direction must be send or recv");
            }
        }
        return new SimulcastAttribute(send == null ? List.of() : send, recv == null ? List.of() : recv);
    }

    private static List<List<SimulcastId>> streams(int lineNo, String value, String list, Set<String> seen)
            throws SdpParseException {
        List<List<SimulcastId>> streams = new ArrayList<>();
        for (String stream : list.split(";", -1)) {
            List<SimulcastId> alternatives = new ArrayList<>();
            for (String alt : stream.split(",", -1)) {
                boolean paused = alt.startsWith("~");
                String rid = paused ? alt.substring(1) : alt;
                if (!RidRestrictions.isRidId(rid)) {
                    throw bad(lineNo, value, "bad rid-id '" + SdpParser.abbreviate(alt) + "'");
                }
                if (!seen.add(rid)) {
                    throw bad(lineNo, value, "rid-id '" + rid + "' appears twice");
                }
                alternatives.add(new SimulcastId(rid, paused));
            }
            streams.add(alternatives);
        }
        return streams;
    }

    private static SdpParseException bad(int lineNo, String value, String why) {
        return new SdpParseException(lineNo, "bad simulcast (" + why + "): " + SdpParser.abbreviate(value));
    }

    public String toSdp() {
        StringBuilder sb = new StringBuilder();
        append(sb, "send", send);
        append(sb, "recv", recv);
        return sb.toString();
    }

    private static void append(StringBuilder sb, String dir, List<List<SimulcastId>> streams) {
        if (streams.isEmpty()) {
            return;
        }
        if (sb.length() > 0) {
            sb.append(' ');
        }
        sb.append(dir).append(' ');
        for (int s = 0; s < streams.size(); s++) {
            if (s > 0) {
                sb.append(';');
            }
            for (int a = 0; a < streams.get(s).size(); a++) {
                if (a > 0) {
                    sb.append(',');
                }
                sb.append(streams.get(s).get(a).toSdp());
            }
        }
    }
}
