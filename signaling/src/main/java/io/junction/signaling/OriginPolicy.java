package io.junction.signaling;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The origin allow-list of the WebSocket upgrade (RFC 6455 section 10.2: a server may refuse
 * handshakes from origins it does not serve). Origins compare as ASCII case-insensitive
 * serializations ({@code scheme://host[:port]}, RFC 6454 section 6.2), a trailing slash ignored.
 * An empty list allows every origin. A request without an {@code Origin} header (a non-browser
 * client, which can send any header anyway) is allowed.
 */
final class OriginPolicy {
    private final Set<String> allowed;

    OriginPolicy(List<String> origins) {
        this.allowed = origins.stream().map(OriginPolicy::normalize).collect(Collectors.toUnmodifiableSet());
    }

    /** Whether an upgrade carrying {@code origin} (null when absent) may proceed. */
    boolean allows(String origin) {
        return allowed.isEmpty() || origin == null || allowed.contains(normalize(origin));
    }

    static String normalize(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
