package io.junction.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.algorithms.Algorithm;
import io.junction.signaling.AuthDecision;
import io.junction.signaling.Authenticator.JoinRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * Only canonical unpadded base64url is accepted in each of the three parts (RFC 7515 section 2):
 * a padded, standard-alphabet or non-zero-trailing-bits spelling of a valid token is refused
 * even though it decodes to the same bytes.
 */
class JwtCanonicalTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final long NOW = Instant.parse("2026-01-01T12:00:00Z").getEpochSecond();
    private final JwtAuthenticator auth = JwtAuthenticator.hs256(SECRET,
            Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /** A valid token whose signature contains '-' or '_' (searched deterministically by jti). */
    private static String tokenWithUrlCharsInSignature() {
        for (int i = 0; ; i++) {
            String t = RawJwt.sign(Algorithm.HMAC256(SECRET),
                    "{\"room\":\"r\",\"jti\":\"" + i + "\",\"exp\":" + (NOW + 60) + "}");
            String sig = t.substring(t.lastIndexOf('.') + 1);
            if (sig.contains("-") || sig.contains("_")) {
                return t;
            }
        }
    }

    private String reason(String token) {
        AuthDecision d = auth.authenticate(new JoinRequest("r", "ann", token));
        return d.granted() ? "granted" : d.reason();
    }

    @Test
    void theCanonicalTokenIsGranted() {
        assertEquals("granted", reason(tokenWithUrlCharsInSignature()));
    }

    @Test
    void paddingIsRefusedInEveryPart() {
        String t = tokenWithUrlCharsInSignature();
        String[] p = t.split("\\.");
        assertEquals("invalid token: the signature is not unpadded base64url", reason(t + "="));
        assertEquals("invalid token: the signature is not unpadded base64url", reason(t + "=="));
        String paddedPayload = p[1] + "=".repeat((4 - p[1].length() % 4) % 4 == 0 ? 1 : (4 - p[1].length() % 4));
        assertEquals("invalid token: the payload is not unpadded base64url",
                reason(p[0] + "." + paddedPayload + "." + p[2]));
        assertEquals("invalid token: the header is not unpadded base64url", reason(p[0] + "=." + p[1] + "." + p[2]));
    }

    @Test
    void theStandardAlphabetIsRefused() {
        String t = tokenWithUrlCharsInSignature();
        String standard = t.replace('-', '+').replace('_', '/');
        assertTrue(!standard.equals(t));
        assertEquals("invalid token: the signature is not unpadded base64url", reason(standard));
    }

    @Test
    void nonZeroTrailingBitsAreRefused() {
        String t = tokenWithUrlCharsInSignature();
        String sig = t.substring(t.lastIndexOf('.') + 1);
        assertEquals(3, sig.length() % 4, "a 32-byte HMAC is 43 characters: 2 unused bits in the last one");
        int last = ALPHABET.indexOf(sig.charAt(sig.length() - 1));
        assertEquals(0, last & 3, "canonical: the unused bits are zero");
        String alias = t.substring(0, t.length() - 1) + ALPHABET.charAt(last | 1); // same bytes, other spelling
        assertEquals("invalid token: the signature is not canonical base64url", reason(alias));
        // the same in the payload: find its unused bits and set one
        String[] p = t.split("\\.");
        if (p[1].length() % 4 != 0) {
            int pl = ALPHABET.indexOf(p[1].charAt(p[1].length() - 1));
            String payloadAlias = p[1].substring(0, p[1].length() - 1) + ALPHABET.charAt(pl | 1);
            assertEquals("invalid token: the payload is not canonical base64url",
                    reason(p[0] + "." + payloadAlias + "." + p[2]));
        }
    }

    @Test
    void emptyPartsAndOtherCharactersAreRefused() {
        String t = tokenWithUrlCharsInSignature();
        String[] p = t.split("\\.");
        assertEquals("invalid token: the signature is empty", reason(p[0] + "." + p[1] + "."));
        assertEquals("invalid token: the header is not a JSON object", reason("." + p[1] + "." + p[2]));
        assertEquals("invalid token: the signature is not unpadded base64url", reason(t + " "));
        assertEquals("invalid token: the payload is not unpadded base64url",
                reason(p[0] + "." + p[1].substring(0, 4) + "\n" + p[1].substring(4) + "." + p[2]));
        assertEquals("invalid token: the signature is not unpadded base64url",
                reason(p[0] + "." + p[1] + "." + p[2].substring(0, 41))); // length 1 mod 4 encodes nothing
    }
}
