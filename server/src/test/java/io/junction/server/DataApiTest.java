package io.junction.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.client.ClientDataChannels;
import io.junction.client.SfuParticipantClient;
import io.junction.sctp.assoc.SendStatus;
import io.junction.sctp.dcep.ChannelOptions;
import io.junction.sfu.data.DataAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The embedding API's data members (receive a Java participant's message, answer it) and the data
 * counters in the admin API and /metrics, which survive the room closing.
 */
class DataApiTest {
    private static final String TOKEN = "admin-token-456";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ClientDataChannels.Message next(ClientDataChannels.Channel ch) throws InterruptedException {
        ClientDataChannels.Message m = ch.received().poll(15, TimeUnit.SECONDS);
        assertNotNull(m, "no message on " + ch.label() + " within 15 s");
        return m;
    }

    @Test
    void anApplicationMemberAnswersAndTheCountersShowInTheAdminApiAndMetrics() throws Exception {
        try (Fixture f = new Fixture(); Junction j = Fixture.start(Junction.builder().adminToken(TOKEN))) {
            String base = "http://127.0.0.1:" + j.httpPort();
            BlockingQueue<DataApi.Message> svcGot = new LinkedBlockingQueue<>();
            j.data().attach("d1", "svc", m -> {
                svcGot.add(m);
                j.data().send(m.room(), "svc", m.label(), List.of(m.from()), "ack " + m.text());
            });
            SfuParticipantClient ann = f.join(j, "d1", "ann", null, false);
            SfuParticipantClient ben = f.join(j, "d1", "ben", null, false);
            ClientDataChannels annData = ann.dataChannels();
            ClientDataChannels benData = ben.dataChannels();
            ann.connected().get(10, TimeUnit.SECONDS);
            ben.connected().get(10, TimeUnit.SECONDS);
            ClientDataChannels.Channel annChat = annData.open("chat", ChannelOptions.RELIABLE).get(15, TimeUnit.SECONDS);
            ClientDataChannels.Channel annDm = annData.open("dm", ChannelOptions.RELIABLE.withProtocol(
                    DataAddress.PROTOCOL)).get(15, TimeUnit.SECONDS);
            ClientDataChannels.Channel benChat = benData.open("chat", ChannelOptions.RELIABLE).get(15, TimeUnit.SECONDS);

            assertEquals(SendStatus.OK, annChat.send("hello").get(5, TimeUnit.SECONDS));
            DataApi.Message got = svcGot.poll(15, TimeUnit.SECONDS);
            assertNotNull(got, "the application member got nothing");
            assertEquals(ann.id(), got.from());
            assertEquals("chat", got.label());
            assertEquals("hello", got.text());
            ClientDataChannels.Message answer = next(annChat);
            assertEquals("svc", answer.from());
            assertEquals("ack hello", answer.text());
            assertEquals("hello", next(benChat).text());

            assertEquals(SendStatus.OK, annDm.sendTo(List.of("ghost"), "boo").get(5, TimeUnit.SECONDS));
            assertEquals(SendStatus.OK, annDm.send("not addressed").get(5, TimeUnit.SECONDS));
            assertTrue(next(annDm).notice().startsWith("unknown-target"));
            assertTrue(next(annDm).notice().startsWith("bad-envelope"));

            // in: hello, the ghost message, the bad one, the answer; out: hello to ben and svc, the answer.
            JsonNode room = JSON.readTree(f.get(base + "/api/rooms/d1", TOKEN).body());
            JsonNode data = room.get("data");
            assertNotNull(data, room.toString());
            assertEquals(4, data.get("received").asLong(), data.toString());
            assertEquals(3, data.get("delivered").asLong(), data.toString());
            assertEquals(1, data.get("unknownTarget").asLong(), data.toString());
            assertEquals(1, data.get("badEnvelope").asLong(), data.toString());
            long bytesIn = "hello".length() + DataAddress.text(List.of("ghost"), "boo").length()
                    + "not addressed".length() + "ack hello".length();
            assertEquals(bytesIn, data.get("bytesReceived").asLong(), data.toString());

            String metrics = f.get(base + "/metrics", TOKEN).body();
            assertDataMetrics(metrics, bytesIn);

            ann.close();
            ben.close();
            Fixture.await("the room closes", Duration.ofSeconds(10), () -> j.rooms().isEmpty());
            metrics = f.get(base + "/metrics", TOKEN).body();
            assertDataMetrics(metrics, bytesIn); // the closed room's counters are kept
            assertEquals(4, j.data().totals().received());
        }
    }

    private static void assertDataMetrics(String metrics, long bytesIn) {
        assertEquals(4.0, value(metrics, "junction_data_messages_total\\{direction=\"in\"\\}"), metrics);
        assertEquals(3.0, value(metrics, "junction_data_messages_total\\{direction=\"out\"\\}"), metrics);
        assertEquals(bytesIn, value(metrics, "junction_data_bytes_total\\{direction=\"in\"\\}"), metrics);
        assertTrue(value(metrics, "junction_data_bytes_total\\{direction=\"out\"\\}") > 0, metrics);
        assertEquals(1.0, value(metrics, "junction_data_dropped_total\\{reason=\"unknown_target\"\\}"), metrics);
        assertEquals(1.0, value(metrics, "junction_data_dropped_total\\{reason=\"bad_envelope\"\\}"), metrics);
        assertEquals(0.0, value(metrics, "junction_data_dropped_total\\{reason=\"too_large\"\\}"), metrics);
        assertEquals(0.0, value(metrics, "junction_data_cutoffs_total"), metrics);
        assertEquals(0.0, value(metrics, "junction_data_callbacks_dropped_total"), metrics);
    }

    private static double value(String metrics, String nameRegex) {
        Matcher m = Pattern.compile("(?m)^" + nameRegex + " (\\S+)$").matcher(metrics);
        if (!m.find()) {
            throw new AssertionError("no sample " + nameRegex + " in\n" + metrics);
        }
        return Double.parseDouble(m.group(1));
    }
}
