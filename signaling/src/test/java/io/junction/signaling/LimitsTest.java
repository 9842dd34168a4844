package io.junction.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.junction.sfu.signal.Negotiation;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server room limit and the per-participant track limit, over loopback WebSockets. */
class LimitsTest {
    private final WsClients clients = new WsClients();
    private final FakeMediaEngine engine = new FakeMediaEngine();
    private SignalingServer server;

    @BeforeEach
    void start() throws Exception {
        server = new SignalingServer(engine, SignalingOptions.defaults().withMaxRooms(2).withMaxTracks(2));
        server.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        clients.close();
        server.close();
    }

    private WsClient client() throws Exception {
        return clients.open(server.port());
    }

    @Test
    void aJoinCreatingARoomBeyondTheLimitGetsFullNamingTheLimit() throws Exception {
        WsClient a = client();
        WsClient b = client();
        WsClient c = client();
        a.join("r1", "ann");
        b.join("r2", "bob");
        c.send("{\"type\":\"join\",\"room\":\"r3\",\"name\":\"cy\"}");
        JsonNode full = c.next("full");
        assertEquals("r3", full.get("room").asText());
        assertEquals(0, full.get("userNum").asInt());
        assertTrue(full.get("reason").asText().contains("room limit (2 rooms)"), full.toString());
        assertEquals(2, server.rooms().roomCount());
        // existing rooms still admit joins, and the refused client is not disturbed
        c.join("r1", "cy");
        assertEquals("otherjoin", a.next().get("type").asText());
        // once a room empties, a new one may be created
        b.send("{\"type\":\"leave\",\"room\":\"r2\"}");
        b.next("leaved");
        b.join("r3", "bob");
    }

    @Test
    void anOfferSendingTooManyTracksIsRefusedAndTheSessionSurvives() throws Exception {
        WsClient a = client();
        String id = a.join("room", "ann").get("id").asText();
        String three = "v=0\\r\\nm=audio 9 UDP/TLS/RTP/SAVPF 111\\r\\na=sendrecv\\r\\n"
                + "m=video 9 UDP/TLS/RTP/SAVPF 96\\r\\nm=video 9 UDP/TLS/RTP/SAVPF 96\\r\\na=sendonly\\r\\n";
        a.send("{\"type\":\"message\",\"room\":\"room\",\"data\":{\"type\":\"offer\",\"sdp\":\"" + three + "\"}}");
        JsonNode error = a.next("error");
        assertEquals(ErrorCodes.UNSUPPORTED, error.get("code").asText());
        assertTrue(error.get("message").asText().contains("3 tracks; the limit is 2"), error.toString());
        String two = "v=0\\r\\nm=audio 9 UDP/TLS/RTP/SAVPF 111\\r\\nm=video 9 UDP/TLS/RTP/SAVPF 96\\r\\n"
                + "m=video 9 UDP/TLS/RTP/SAVPF 96\\r\\na=recvonly\\r\\n";
        a.send("{\"type\":\"message\",\"room\":\"room\",\"data\":{\"type\":\"offer\",\"sdp\":\"" + two + "\"}}");
        assertInstanceOf(Negotiation.Offer.class, engine.session(id).next());
    }

    @Test
    void theSourceIsThePeersIpAddress() {
        assertEquals("127.0.0.1", SignalingSession.sourceOf(new java.net.InetSocketAddress("127.0.0.1", 4000)));
        assertEquals("0:0:0:0:0:0:0:1", SignalingSession.sourceOf(new java.net.InetSocketAddress("::1", 4000)));
        assertEquals(null, SignalingSession.sourceOf(java.net.InetSocketAddress.createUnresolved("example.org", 1)));
        assertEquals(null, SignalingSession.sourceOf(null));
    }

    @Test
    void offerTracksCountsOnlyLiveSendingAudioVideoSections() {
        assertEquals(0, OfferTracks.sending(""));
        assertEquals(0, OfferTracks.sending("m="));
        assertEquals(0, OfferTracks.sending("m=audio"));
        assertEquals(1, OfferTracks.sending("v=0\nm=audio 9 RTP/AVP 0"));
        assertEquals(0, OfferTracks.sending("m=audio 0 RTP/AVP 0\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel"));
        assertEquals(1, OfferTracks.sending("m=audio 9 x\r\na=inactive\r\nm=video 9 x\r\na=sendonly\r\n"));
    }

    @Test
    void limitsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> SignalingOptions.defaults().withMaxRooms(0));
        assertThrows(IllegalArgumentException.class, () -> SignalingOptions.defaults().withMaxTracks(257));
        assertEquals(1000, SignalingOptions.defaults().maxRooms());
        assertEquals(16, SignalingOptions.defaults().maxTracks());
    }
}
