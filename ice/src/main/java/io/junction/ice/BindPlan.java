package io.junction.ice;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Which sockets the media port binds so that replies and media leave from the address the peer sent
 * to (issue 12: with one wildcard socket the kernel picks the source address by route, and a check to
 * one local address can be answered from another).
 *
 * <ul>
 * <li>A specific {@code bindAddress}: that one socket.</li>
 * <li>The wildcard (0.0.0.0 or ::, the default): one socket per announced address that is an address
 *     of this machine. An announced address that is not local (a public address in front of a 1:1 NAT)
 *     cannot be bound: a wildcard socket of its family is bound as well (all sockets then set
 *     SO_REUSEADDR, and the kernel delivers to the most specific one); replies on it use the kernel's
 *     source choice, as before.</li>
 * </ul>
 * Pure: {@code isLocal} says which addresses belong to this machine.
 */
final class BindPlan {
    /** One socket to bind. */
    record Bind(InetAddress address, boolean reuseAddress) {
    }

    private BindPlan() {
    }

    static List<Bind> plan(String bindAddress, List<String> announced, Predicate<InetAddress> isLocal) {
        InetAddress bind = IpLiterals.toAddress(bindAddress);
        if (!bind.isAnyLocalAddress()) {
            return List.of(new Bind(bind, false));
        }
        List<InetAddress> specific = new ArrayList<>();
        boolean wild4 = false;
        boolean wild6 = false;
        for (String a : announced) {
            InetAddress ia = IpLiterals.toAddress(a);
            if (isLocal.test(ia)) {
                if (!specific.contains(ia)) {
                    specific.add(ia);
                }
            } else if (ia instanceof java.net.Inet6Address) {
                wild6 = true;
            } else {
                wild4 = true;
            }
        }
        if (specific.isEmpty() && !wild4 && !wild6) {
            return List.of(new Bind(bind, false));
        }
        boolean reuse = (wild4 || wild6) && !specific.isEmpty();
        List<Bind> out = new ArrayList<>();
        for (InetAddress a : specific) {
            out.add(new Bind(a, reuse));
        }
        if (wild4) {
            out.add(new Bind(IpLiterals.toAddress("0.0.0.0"), reuse));
        }
        if (wild6) {
            out.add(new Bind(IpLiterals.toAddress("::"), reuse));
        }
        return List.copyOf(out);
    }
}
