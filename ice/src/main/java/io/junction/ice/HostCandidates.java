package io.junction.ice;

import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** The media port's host candidates (RFC 8445 §5.1.1.1) and the machine's addresses they come from. */
final class HostCandidates {
    /** RFC 8445 §5.1.2.2: type preference of host candidates. */
    private static final int HOST_TYPE_PREFERENCE = 126;

    private HostCandidates() {
    }

    /**
     * Host candidates: UDP first; with ICE-TCP a passive TCP candidate per address (RFC 6544 §4.5), whose
     * local preference (RFC 6544 §4.2: 2^13 * direction-pref(passive 2) + other-pref) is below every UDP
     * one, so UDP pairs are preferred.
     */
    static List<Candidate> of(List<String> announced, int port, int tcpPort) {
        List<Candidate> list = new ArrayList<>();
        int localPref = 65535;
        for (String a : announced) {
            list.add(Candidate.host(Integer.toString(list.size() + 1), 1,
                    Candidate.priority(HOST_TYPE_PREFERENCE, localPref--, 1), a, port));
        }
        if (tcpPort > 0) {
            int tcpPref = (1 << 13) * 2 + 8191;
            for (String a : announced) {
                list.add(new Candidate(Integer.toString(list.size() + 1), 1, "tcp",
                        Candidate.priority(HOST_TYPE_PREFERENCE, tcpPref--, 1), a, tcpPort, "host", null, -1,
                        Map.of("tcptype", "passive")));
            }
        }
        return List.copyOf(list);
    }

    static boolean isLocalAddress(InetAddress a) {
        try {
            return a.isLoopbackAddress() || NetworkInterface.getByInetAddress(a) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    static List<String> interfaceAddresses() {
        List<String> out = new ArrayList<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!ni.isUp() || ni.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (!a.isLoopbackAddress() && !a.isLinkLocalAddress() && !a.isAnyLocalAddress()) {
                        out.add(a instanceof Inet4Address ? a.getHostAddress()
                                : a.getHostAddress().replaceAll("%.*$", ""));
                    }
                }
            }
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(out);
    }
}
