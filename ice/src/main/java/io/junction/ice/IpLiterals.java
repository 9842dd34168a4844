package io.junction.ice;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** IP-literal checks that never resolve names (no DNS traffic). */
final class IpLiterals {
    private IpLiterals() {
    }

    static boolean isLiteral(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        if (s.indexOf(':') >= 0) {
            return s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
        }
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /** Parses a literal; throws IllegalArgumentException naming the option when it is not one. */
    static String requireLiteral(String option, String s) {
        if (!isLiteral(s)) {
            throw new IllegalArgumentException(option + " must be an IPv4 or IPv6 literal, got '" + s + "'");
        }
        return s;
    }

    static InetAddress toAddress(String literal) {
        if (!isLiteral(literal)) {
            throw new IllegalArgumentException("not an IP literal: " + literal);
        }
        try {
            return InetAddress.getByName(literal); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + literal, e);
        }
    }
}
