package io.junction.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.junction.ice.IceConfig;
import io.junction.sfu.SfuEngine;
import io.junction.sfu.SfuOptions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 2: a join allocates no media transport state, so many clients joining one sfu room at
 * once from one address (an office NAT, a reverse proxy) all get {@code joined} and nothing else; the
 * half-open bound lives at the media port (per remote address, for sessions a valid check created).
 */
class SfuJoinStormTest {
    private static final int CLIENTS = 40;

    @Test
    void fortyClientsJoiningOneSfuRoomAtOnceFromOneAddressAllGetJoined() throws Exception {
        IceConfig ice = IceConfig.builder().bindAddress("127.0.0.1").port(0).announcedAddresses(List.of("127.0.0.1"))
                .build();
        SfuOptions media = SfuOptions.defaults(ice).withMaxHalfOpenPerSource(1); // the tightest limit
        RoomPolicy big = room -> new RoomSettings(RoomMode.SFU, CLIENTS);
        try (SfuEngine engine = new SfuEngine(media); WsClients clients = new WsClients()) {
            SignalingServer server = new SignalingServer(engine, SignalingOptions.defaults().withRoomPolicy(big)
                    .withRateLimit(1000, 1000));
            server.start("127.0.0.1", 0);
            try {
                List<WsClient> all = new ArrayList<>();
                for (int i = 0; i < CLIENTS; i++) {
                    all.add(clients.open(server.port()));
                }
                for (int i = 0; i < CLIENTS; i++) { // every join is sent before any answer is read
                    all.get(i).send("{\"type\":\"join\",\"room\":\"office\",\"name\":\"p" + i + "\"}");
                }
                Set<String> ids = new HashSet<>();
                for (WsClient c : all) {
                    JsonNode joined = c.next("joined");
                    ids.add(joined.get("id").asText());
                }
                assertEquals(CLIENTS, ids.size());
                assertEquals(CLIENTS, server.rooms().roomSize("office").getAsInt());
                // nothing but joined/otherjoin follows: no refusal, no leaved, no bye
                for (WsClient c : all) {
                    while (c.backlog() > 0) {
                        String type = c.next().path("type").asText();
                        assertEquals("otherjoin", type, "only otherjoin after joined");
                    }
                }
                assertEquals(0, engine.halfOpenTransports(), "a join holds no half-open slot");
                assertTrue(server.errorCounts().values().stream().allMatch(n -> n == 0), server.errorCounts().toString());
            } finally {
                server.close();
            }
        }
    }
}
