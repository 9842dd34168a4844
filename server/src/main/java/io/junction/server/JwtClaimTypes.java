package io.junction.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The JSON type every claim Junction reads must have, checked before any claim is used so that a
 * wrongly typed claim is refused instead of silently defaulted (a {@code "publish":"false"} must
 * never grant publishing). Pure: {@link #error(JsonNode)} names the first offending claim.
 *
 * <p>Rules: {@code room} a string (required); {@code publish} and {@code subscribe} booleans when
 * present (absent = true); {@code exp}, {@code nbf}, {@code iat} NumericDates, i.e. JSON numbers
 * (RFC 7519 section 2) from 0 to the end of year 9999; {@code iss}, {@code sub}, {@code jti} strings
 * (section 4.1); {@code aud} a string or an array of strings (section 4.1.3). JSON {@code null}
 * is a wrong type for every claim. Claims Junction does not read are not checked.
 */
final class JwtClaimTypes {
    private enum Type { STRING, BOOLEAN, NUMERIC_DATE, AUDIENCE }

    /** In checking order, so the reason is deterministic when several claims are wrong. */
    private static final List<Map.Entry<String, Type>> TYPES = List.of(
            Map.entry("room", Type.STRING), Map.entry("publish", Type.BOOLEAN), Map.entry("subscribe", Type.BOOLEAN),
            Map.entry("exp", Type.NUMERIC_DATE), Map.entry("nbf", Type.NUMERIC_DATE),
            Map.entry("iat", Type.NUMERIC_DATE), Map.entry("iss", Type.STRING), Map.entry("sub", Type.STRING),
            Map.entry("jti", Type.STRING), Map.entry("aud", Type.AUDIENCE));

    /** 9999-12-31T23:59:59Z: later NumericDates are refused (they overflow date arithmetic). */
    static final long LAST_NUMERIC_DATE = 253_402_300_799L;

    private JwtClaimTypes() {
    }

    /** Null when every known claim of {@code payload} has its type, else a reason naming the claim. */
    static String error(JsonNode payload) {
        if (payload == null || !payload.isObject()) {
            return "invalid token: the payload is not a JSON object";
        }
        for (Map.Entry<String, Type> e : TYPES) {
            JsonNode v = payload.get(e.getKey());
            if (v != null && !matches(e.getValue(), v)) {
                return "claim " + e.getKey() + " must be " + describe(e.getValue());
            }
        }
        if (payload.get("room") == null) {
            return "claim room is required";
        }
        return null;
    }

    private static boolean matches(Type type, JsonNode v) {
        return switch (type) {
            case STRING -> v.isTextual();
            case BOOLEAN -> v.isBoolean();
            case NUMERIC_DATE -> v.isNumber() && v.canConvertToLong() && v.asLong() >= 0
                    && v.asLong() <= LAST_NUMERIC_DATE;
            case AUDIENCE -> v.isTextual() || (v.isArray() && allText(v));
        };
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode n : array) {
            if (!n.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static String describe(Type type) {
        return switch (type) {
            case STRING -> "a string";
            case BOOLEAN -> "a boolean";
            case NUMERIC_DATE -> "a number of seconds (NumericDate)";
            case AUDIENCE -> "a string or an array of strings";
        };
    }
}
