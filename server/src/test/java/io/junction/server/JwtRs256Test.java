package io.junction.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import io.junction.sfu.signal.MediaRights;
import io.junction.signaling.AuthDecision;
import io.junction.signaling.Authenticator.JoinRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RS256 join tokens verified with a PEM public key: valid, expired, wrongly signed, wrong room. */
class JwtRs256Test {
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static KeyPair keys;
    private static KeyPair otherKeys;

    @BeforeAll
    static void generate() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048, SecureRandom.getInstance("SHA1PRNG"));
        keys = g.generateKeyPair();
        otherKeys = g.generateKeyPair();
    }

    private static String token(KeyPair signer, String room, Instant exp) {
        return JWT.create().withClaim("room", room).withClaim("publish", false).withExpiresAt(exp)
                .sign(Algorithm.RSA256(null, (RSAPrivateKey) signer.getPrivate()));
    }

    static String pem(RSAPublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(key.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }

    @Test
    void decidesEveryKindOfToken() {
        JwtAuthenticator auth = JwtAuthenticator.rs256(PemPublicKeys.rsa(pem((RSAPublicKey) keys.getPublic())),
                Clock.fixed(NOW, ZoneOffset.UTC));
        Instant later = NOW.plusSeconds(60);
        assertEquals(AuthDecision.grant(MediaRights.SUBSCRIBE_ONLY),
                auth.authenticate(new JoinRequest("r1", "ann", token(keys, "r1", later))));
        assertEquals("token expired",
                auth.authenticate(new JoinRequest("r1", "ann", token(keys, "r1", NOW.minusSeconds(60)))).reason());
        assertEquals("token signature does not verify",
                auth.authenticate(new JoinRequest("r1", "ann", token(otherKeys, "r1", later))).reason());
        assertEquals("token is not for room r1",
                auth.authenticate(new JoinRequest("r1", "ann", token(keys, "r2", later))).reason());
        // an HS256 token cannot pass as RS256, even one keyed with the public key's bytes
        String hs = JWT.create().withClaim("room", "r1").withExpiresAt(later)
                .sign(Algorithm.HMAC256(keys.getPublic().getEncoded()));
        assertEquals("invalid token", auth.authenticate(new JoinRequest("r1", "ann", hs)).reason());
    }

    @Test
    void badKeysAreRefused() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> PemPublicKeys.rsa("not a pem"));
        assertThrows(IllegalArgumentException.class,
                () -> PemPublicKeys.rsa("-----BEGIN PUBLIC KEY-----\n@@@\n-----END PUBLIC KEY-----"));
        assertThrows(IllegalArgumentException.class,
                () -> PemPublicKeys.rsa("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"));
        assertThrows(IllegalArgumentException.class, () -> PemPublicKeys.rsa(Path.of("/nonexistent.pem")));
        KeyPairGenerator small = KeyPairGenerator.getInstance("RSA");
        small.initialize(1024);
        assertThrows(IllegalArgumentException.class,
                () -> JwtAuthenticator.rs256((RSAPublicKey) small.generateKeyPair().getPublic()));
    }

    @Test
    void aJoinWithABadTokenGetsUnauthorizedOverTheWire(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pub.pem");
        Files.writeString(file, pem((RSAPublicKey) keys.getPublic()));
        BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        try (Junction j = Fixture.start(Junction.builder().authenticator(JwtAuthenticator.rs256(PemPublicKeys.rsa(file))))) {
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(
                    URI.create("ws://127.0.0.1:" + j.httpPort() + "/ws"), Fixture.jsonFrames(frames)).get(5, TimeUnit.SECONDS);
            String wrong = token(otherKeys, "r1", Instant.now().plusSeconds(60));
            ws.sendText("{\"type\":\"join\",\"room\":\"r1\",\"name\":\"eve\",\"token\":\"" + wrong + "\"}", true)
                    .get(5, TimeUnit.SECONDS);
            JsonNode error = frames.poll(5, TimeUnit.SECONDS);
            assertEquals("unauthorized", error.get("code").asText(), String.valueOf(error));
            assertTrue(!error.toString().contains(wrong), "the token is not echoed");
            String good = token(keys, "r1", Instant.now().plusSeconds(60));
            ws.sendText("{\"type\":\"join\",\"room\":\"r1\",\"name\":\"ann\",\"token\":\"" + good + "\"}", true)
                    .get(5, TimeUnit.SECONDS);
            assertEquals("joined", frames.poll(5, TimeUnit.SECONDS).get("type").asText());
            ws.abort();
        }
    }
}
