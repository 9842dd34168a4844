package io.junction.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.signaling.SignalMessage.IceServer;
import io.junction.signaling.iceservers.TurnRestCredentials;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which {@code joined.iceServers} entries get minted TURN credentials, and how they reach the wire. */
class JoinIceServersTest {
    private static final String SECRET = "junction-test-turn-secret-0123456789abcdef";
    private static final TurnRestCredentials TURN = new TurnRestCredentials("turnSecret", SECRET, "turnCredentialTtl",
            Duration.ofDays(1), Clock.fixed(Instant.ofEpochSecond(1_764_720_000L), ZoneOffset.UTC));
    private static final IceServer STUN = new IceServer(List.of("stun:198.18.0.1:3478"), null, null);
    private static final IceServer TURN_UDP = new IceServer(List.of("turn:198.18.0.1:3478?transport=udp"), null, null);
    private static final IceServer TURNS = new IceServer(List.of("turns:turn.example.org:443?transport=tcp"), null, null);
    private static final IceServer OWN = new IceServer(List.of("turn:other.example.org"), "static-user", "static-pw");

    @Test
    void turnEntriesWithoutCredentialsGetTheParticipantsOnes() {
        List<IceServer> out = new JoinIceServers(List.of(STUN, TURN_UDP, TURNS, OWN), TURN).forParticipant("p7");
        assertEquals(4, out.size());
        assertEquals(STUN, out.get(0), "STUN stays without credentials");
        // username and password as in TurnRestCredentialsTest (vector recorded from openssl)
        assertEquals(new IceServer(TURN_UDP.urls(), "1764806400:p7", "qNvdervWYHhr70uNRrv0AMuIbXw="), out.get(1));
        assertEquals(new IceServer(TURNS.urls(), "1764806400:p7", "qNvdervWYHhr70uNRrv0AMuIbXw="), out.get(2));
        assertEquals(OWN, out.get(3), "an entry with its own credentials keeps them");
    }

    @Test
    void withoutTurnEntriesNothingIsMinted() {
        List<IceServer> configured = List.of(STUN, OWN);
        JoinIceServers ice = new JoinIceServers(configured, TURN);
        assertEquals(configured, ice.forParticipant("p1"));
        assertSame(ice.forParticipant("p1"), ice.forParticipant("p2"));
        assertEquals(List.of(), new JoinIceServers(List.of(), null).forParticipant("p1"));
    }

    @Test
    void aTurnEntryWithoutCredentialsNeedsASecret() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new JoinIceServers(List.of(STUN, TURN_UDP), null));
        assertTrue(e.getMessage().contains("turn:198.18.0.1:3478?transport=udp"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SignalingOptions.defaults().withIceServers(List.of(TURN_UDP)));
        SignalingOptions ok = SignalingOptions.defaults().withTurnCredentials(TURN).withIceServers(List.of(TURN_UDP));
        assertSame(TURN, ok.turnCredentials());
        assertFalse(ok.toString().contains(SECRET), ok.toString());
    }

    @Test
    void entriesAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new IceServer(List.of(), null, null));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> new IceServer(List.of("turn:bad host"), null, null));
        assertTrue(bad.getMessage().startsWith("iceServers: "), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new IceServer(List.of("turn:h"), "user", null));
        assertThrows(IllegalArgumentException.class, () -> new IceServer(List.of("turn:h"), null, "pw"));
        assertFalse(OWN.toString().contains("static-pw"), OWN.toString());
    }

    @Test
    void theJoinedMessageCarriesTheCredentials() throws Exception {
        SignalCodec codec = new SignalCodec(64 * 1024);
        List<IceServer> servers = new JoinIceServers(List.of(STUN, TURN_UDP), TURN).forParticipant("p7");
        String frame = codec.encode(new SignalMessage.Joined("r", "p7", 1, List.of(), RoomMode.SFU, servers));
        JsonNode ice = new ObjectMapper().readTree(frame).get("iceServers");
        assertEquals("[{\"urls\":[\"stun:198.18.0.1:3478\"]},"
                + "{\"urls\":[\"turn:198.18.0.1:3478?transport=udp\"],\"username\":\"1764806400:p7\","
                + "\"credential\":\"qNvdervWYHhr70uNRrv0AMuIbXw=\"}]", ice.toString());
        assertNull(ice.get(0).get("username"));
    }

    @Test
    void everyJoinGetsItsOwnCredentialsOverTheWebSocket() throws Exception {
        SignalingOptions options = SignalingOptions.defaults().withTurnCredentials(TURN)
                .withIceServers(List.of(STUN, TURN_UDP));
        try (SignalingServer server = new SignalingServer(new FakeMediaEngine(), options);
             WsClients clients = new WsClients()) {
            server.start("127.0.0.1", 0);
            // passwords recorded from: printf '%s' '1764806400:p1' | openssl dgst -sha1 -hmac "$SECRET" -binary | base64
            String[][] expected = {{"ann", "1764806400:p1", "V60oAwJCnwt38Qu4AoPtMHOFsv8="},
                                   {"bob", "1764806400:p2", "/wtdGiN2Ch7lVvIw7DC0Ypzsolc="}};
            for (String[] row : expected) {
                JsonNode joined = clients.open(server.port()).join("r", row[0]);
                JsonNode ice = joined.get("iceServers");
                assertEquals(2, ice.size());
                assertEquals("{\"urls\":[\"stun:198.18.0.1:3478\"]}", ice.get(0).toString());
                assertEquals(row[1], ice.get(1).get("username").asText());
                assertEquals(row[1].substring(row[1].indexOf(':') + 1), joined.get("id").asText());
                assertEquals(row[2], ice.get(1).get("credential").asText());
            }
        }
    }
}
