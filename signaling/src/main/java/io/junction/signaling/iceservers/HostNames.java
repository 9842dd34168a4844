package io.junction.signaling.iceservers;

/**
 * Checks the host of a STUN/TURN URL when it is not a bracketed IPv6 address: a dotted IPv4
 * address (four decimal parts 0..255) or a DNS name (RFC 1123 §2.1: labels of 1..63 letters,
 * digits and inner hyphens, 253 characters in all).
 */
final class HostNames {
    private HostNames() {
    }

    /** Null when {@code host} is acceptable, else what is wrong with it. */
    static String problem(String host) {
        if (host.length() > 253) {
            return "host name longer than 253 characters";
        }
        if (host.chars().anyMatch(c -> c >= '0' && c <= '9') && host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) {
            return ipv4Problem(host);
        }
        String[] labels = host.split("\\.", -1);
        for (int i = 0; i < labels.length; i++) {
            String label = labels[i];
            if (label.isEmpty()) {
                // one trailing dot (a fully qualified name) is allowed
                if (i == labels.length - 1 && i > 0) {
                    continue;
                }
                return "host '" + host + "' has an empty label";
            }
            if (label.length() > 63) {
                return "host '" + host + "' has a label longer than 63 characters";
            }
            if (label.startsWith("-") || label.endsWith("-")) {
                return "host '" + host + "' has a label starting or ending with '-'";
            }
            for (int k = 0; k < label.length(); k++) {
                char c = label.charAt(k);
                if (!(c == '-' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
                    return "host '" + host + "' has the character '" + c + "' (letters, digits, '-' and '.' only)";
                }
            }
        }
        return null;
    }

    private static String ipv4Problem(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return "'" + host + "' is not an IPv4 address (four parts 0..255)";
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || Integer.parseInt(p) > 255) {
                return "'" + host + "' is not an IPv4 address (four parts 0..255)";
            }
        }
        return null;
    }
}
