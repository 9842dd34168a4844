package io.junction.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Base64;

/**
 * A compact-serialized JWS (RFC 7515 section 7.1) split into its three parts, with the header and
 * payload decoded to JSON; all three parts must be canonical base64url ({@link #canonical}).
 * Nothing here is trusted: the signature is verified afterwards.
 * {@link #parse} throws {@link IllegalArgumentException} with a reason fit for the client
 * (never the token itself).
 *
 * @param header  the decoded JOSE header
 * @param payload the decoded claims set
 */
record JwtToken(JsonNode header, JsonNode payload) {
    /** Refuses trailing content and duplicate member names (RFC 7519 section 4: reject or last wins; we reject). */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** Splits and decodes {@code token}; throws with a reason when it is not a JWS of three parts. */
    static JwtToken parse(String token) {
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (first < 0 || second < 0 || token.indexOf('.', second + 1) >= 0) {
            throw new IllegalArgumentException("invalid token: not three dot-separated parts");
        }
        String signature = token.substring(second + 1);
        if (signature.isEmpty()) {
            throw new IllegalArgumentException("invalid token: the signature is empty");
        }
        canonical(signature, "signature");
        JsonNode header = json(token.substring(0, first), "header");
        JsonNode payload = json(token.substring(first + 1, second), "payload");
        return new JwtToken(header, payload);
    }

    /**
     * The bytes of {@code part} if it is canonical base64url without padding (RFC 7515 section 2
     * and RFC 4648 section 5): only {@code A-Z a-z 0-9 - _}, no {@code =}, a length that is not
     * 1 mod 4, and zero unused bits in the last character (RFC 4648 section 3.5), so each value
     * has exactly one accepted spelling. Throws naming the part otherwise.
     */
    static byte[] canonical(String part, String name) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            boolean ok = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
            if (!ok) {
                throw new IllegalArgumentException("invalid token: the " + name + " is not unpadded base64url");
            }
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid token: the " + name + " is not unpadded base64url");
        }
        if (!Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(part)) {
            throw new IllegalArgumentException("invalid token: the " + name + " is not canonical base64url");
        }
        return bytes;
    }

    private static JsonNode json(String part, String name) {
        byte[] bytes = canonical(part, name);
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid token: the " + name + " is not JSON");
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("invalid token: the " + name + " cannot be read");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("invalid token: the " + name + " is not a JSON object");
        }
        return node;
    }
}
