package io.junction.server;

import com.auth0.jwt.algorithms.Algorithm;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Signs hand-written header and payload JSON, so tests can send claims of any type. */
final class RawJwt {
    private RawJwt() {
    }

    static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code header.payload.signature} with the compact serialization of RFC 7515 section 7.1. */
    static String sign(Algorithm alg, String headerJson, String payloadJson) {
        String h = b64(headerJson);
        String p = b64(payloadJson);
        byte[] sig = alg.sign(h.getBytes(StandardCharsets.US_ASCII), p.getBytes(StandardCharsets.US_ASCII));
        return h + "." + p + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
    }

    /** A token with the header {@code {"alg":ALG,"typ":"JWT"}}. */
    static String sign(Algorithm alg, String payloadJson) {
        return sign(alg, "{\"alg\":\"" + alg.getName() + "\",\"typ\":\"JWT\"}", payloadJson);
    }
}
