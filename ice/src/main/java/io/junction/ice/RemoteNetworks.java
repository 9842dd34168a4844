package io.junction.ice;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An allow-list of remote IP networks in CIDR notation (RFC 4632 §3.1 for IPv4, RFC 4291 §2.3 for
 * IPv6), e.g. {@code 10.0.0.0/8}, {@code 192.168.1.0/24}, {@code ::1/128}. An empty list allows every
 * address. Immutable and thread-safe.
 *
 * <p>Parsing rules (a bad entry throws IllegalArgumentException naming the option and the entry):
 * the prefix length is required and must be 0..32 for IPv4 and 0..128 for IPv6; the address must be
 * an IP literal (names are never resolved; IPv6 zone ids are refused); the host bits (those after the
 * prefix) must be zero, so a typo such as {@code 10.0.0.1/8} is refused instead of silently widening
 * or narrowing the network. An IPv4-mapped IPv6 literal ({@code ::ffff:10.0.0.0/104}) is refused: write
 * the IPv4 network. IPv4 networks match IPv4 addresses only and IPv6 networks IPv6 addresses only.
 *
 * <p>{@link #allows(byte[])} allocates nothing; {@link #allows(InetAddress)} copies the 4 or 16
 * address bytes once. Both run once per new remote address or candidate, never per packet.
 */
public final class RemoteNetworks {
    private static final RemoteNetworks ALL = new RemoteNetworks(List.of(), new byte[0][], new int[0]);

    private final List<String> cidrs;
    private final byte[][] networks;
    private final int[] prefixes;

    private RemoteNetworks(List<String> cidrs, byte[][] networks, int[] prefixes) {
        this.cidrs = cidrs;
        this.networks = networks;
        this.prefixes = prefixes;
    }

    /** Allows every address. */
    public static RemoteNetworks all() {
        return ALL;
    }

    /**
     * Parses CIDR strings; {@code option} names the setting in error messages.
     *
     * @throws IllegalArgumentException for an entry that is not {@code address/prefix} as described above
     */
    public static RemoteNetworks parse(String option, List<String> cidrs) {
        Objects.requireNonNull(cidrs, option);
        if (cidrs.isEmpty()) {
            return ALL;
        }
        byte[][] nets = new byte[cidrs.size()][];
        int[] lens = new int[cidrs.size()];
        List<String> canonical = new ArrayList<>();
        for (int i = 0; i < cidrs.size(); i++) {
            String c = cidrs.get(i);
            if (c == null) {
                throw new IllegalArgumentException(option + " must not contain null");
            }
            String s = c.strip();
            int slash = s.indexOf('/');
            if (slash < 0) {
                throw bad(option, c, "missing /prefix-length");
            }
            String addr = s.substring(0, slash);
            String len = s.substring(slash + 1);
            if (!IpLiterals.isLiteral(addr)) {
                throw bad(option, c, "'" + addr + "' is not an IPv4 or IPv6 literal");
            }
            byte[] bytes;
            try {
                bytes = IpLiterals.toAddress(addr).getAddress();
            } catch (IllegalArgumentException e) {
                throw bad(option, c, "'" + addr + "' is not an IPv4 or IPv6 literal");
            }
            if (bytes.length == 4 && addr.indexOf(':') >= 0) {
                throw bad(option, c, "IPv4-mapped IPv6 networks are not supported; write the IPv4 network");
            }
            int max = bytes.length * 8;
            int prefix = parsePrefix(len);
            if (prefix < 0 || prefix > max) {
                throw bad(option, c, "prefix length must be 0.." + max + ", got '" + len + "'");
            }
            if (!hostBitsZero(bytes, prefix)) {
                throw bad(option, c, "host bits after /" + prefix + " must be zero");
            }
            nets[i] = bytes;
            lens[i] = prefix;
            canonical.add(s);
        }
        return new RemoteNetworks(List.copyOf(canonical), nets, lens);
    }

    /** The networks as given (trimmed); empty when every address is allowed. */
    public List<String> cidrs() {
        return cidrs;
    }

    /** True when no network is listed (every address allowed). */
    public boolean allowsAll() {
        return networks.length == 0;
    }

    /** Whether {@code address} lies in a listed network (always true for an empty list; false for null). */
    public boolean allows(InetAddress address) {
        return address != null && (networks.length == 0 || allows(address.getAddress()));
    }

    /** As {@link #allows(InetAddress)} for raw network-order bytes (4 for IPv4, 16 for IPv6); allocates nothing. */
    public boolean allows(byte[] address) {
        if (networks.length == 0) {
            return true;
        }
        for (int i = 0; i < networks.length; i++) {
            if (networks[i].length == address.length && matches(networks[i], prefixes[i], address)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(byte[] net, int prefix, byte[] a) {
        int full = prefix >>> 3;
        for (int i = 0; i < full; i++) {
            if (net[i] != a[i]) {
                return false;
            }
        }
        int rest = prefix & 7;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (net[full] & mask) == (a[full] & mask);
    }

    private static boolean hostBitsZero(byte[] net, int prefix) {
        for (int bit = prefix; bit < net.length * 8; bit++) {
            if ((net[bit >>> 3] & (0x80 >>> (bit & 7))) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Decimal 0..999 without sign or spaces, else -1. */
    private static int parsePrefix(String s) {
        if (s.isEmpty() || s.length() > 3) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            v = v * 10 + (ch - '0');
        }
        return v;
    }

    private static IllegalArgumentException bad(String option, String entry, String why) {
        return new IllegalArgumentException(option + ": '" + entry + "' is not a CIDR network (address/prefix, e.g. "
                + "10.0.0.0/8 or ::1/128): " + why);
    }

    @Override
    public String toString() {
        return cidrs.isEmpty() ? "any" : String.join(",", cidrs);
    }
}
