package io.junction.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * The time rules of a join token, as a pure function of its claims, the current time and a
 * {@link JwtPolicy} (claim types were already checked by {@link JwtClaimTypes}). RFC 7519:
 * {@code exp} (4.1.4) is required here and must lie after now − leeway; {@code nbf} (4.1.5)
 * before now + leeway; {@code iat} (4.1.6) not after now + leeway; the validity
 * ({@code exp − iat}, or {@code exp − now} without {@code iat}) at most the policy's maximum.
 */
final class JwtTimes {
    private JwtTimes() {
    }

    /** Null when the token's times are acceptable at {@code now}, else the reason. */
    static String error(JsonNode payload, Instant now, JwtPolicy policy) {
        JsonNode expNode = payload.get("exp");
        if (expNode == null) {
            return "claim exp is required";
        }
        long nowS = now.getEpochSecond();
        long leeway = policy.leeway().toSeconds();
        long exp = expNode.asLong();
        if (exp <= nowS - leeway) { // 4.1.4: now must be before exp
            return "token expired";
        }
        JsonNode nbf = payload.get("nbf");
        if (nbf != null && nbf.asLong() > nowS + leeway) {
            return "token not valid yet (nbf)";
        }
        JsonNode iatNode = payload.get("iat");
        if (iatNode != null && iatNode.asLong() > nowS + leeway) {
            return "token issued in the future (iat)";
        }
        long from = iatNode != null ? iatNode.asLong() : nowS;
        long max = policy.maxLifetime().toSeconds();
        if (exp - from > max) { // NumericDates are 0..year 9999 (JwtClaimTypes): no overflow
            return "token lifetime exceeds " + max + " s";
        }
        if (iatNode != null && exp < from) {
            return "token expires before it was issued";
        }
        return null;
    }
}
