package io.junction.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.client.MediaPump;
import io.junction.client.SfuParticipantClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** /health, /api/rooms, /api/rooms/{room} and /metrics after a short session, behind the admin token. */
class AdminAndMetricsTest {
    private static final String TOKEN = "admin-token-123";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void adminEndpointsAndMetricsReportTheSession() throws Exception {
        try (Fixture f = new Fixture(); Junction j = Fixture.start(Junction.builder().adminToken(TOKEN))) {
            String base = "http://127.0.0.1:" + j.httpPort();
            SfuParticipantClient a = f.join(j, "conf", "ann", null, true);
            SfuParticipantClient b = f.join(j, "conf", "bob", null, false);
            a.connected().get(10, TimeUnit.SECONDS);
            b.joined().get(5, TimeUnit.SECONDS);
            MediaPump pump = MediaPump.start(a);
            try {
                Fixture.await("bob receives ann's media", Duration.ofSeconds(15),
                        () -> b.received().values().stream().mapToLong(s -> s.packets()).sum() > 30);
            } finally {
                pump.close();
            }
            b.signaling().sendText("{not json");
            AuthenticatorTest.firstEvent(b, "error");

            assertEquals(200, f.get(base + "/health", null).statusCode());
            assertEquals(401, f.get(base + "/api/rooms", null).statusCode());
            assertEquals(401, f.get(base + "/api/rooms", "wrong-token-000").statusCode());
            assertEquals(401, f.get(base + "/metrics", null).statusCode());
            assertEquals(404, f.get(base + "/api/rooms/nope", TOKEN).statusCode());

            JsonNode list = JSON.readTree(f.get(base + "/api/rooms", TOKEN).body()).get("rooms");
            assertEquals(1, list.size(), list.toString());
            assertEquals("conf", list.get(0).get("name").asText());
            assertEquals("sfu", list.get(0).get("mode").asText());
            assertEquals(2, list.get(0).get("participants").asInt());
            assertEquals(2, list.get(0).get("tracks").asInt());

            JsonNode room = JSON.readTree(f.get(base + "/api/rooms/conf", TOKEN).body());
            assertEquals(2, room.get("size").asInt());
            // ann and bob join concurrently, so the room's participant order is not fixed: look them up by id
            JsonNode ann = participant(room, a.id());
            assertEquals("connected", ann.get("transportState").asText());
            JsonNode video = byField(ann.get("published"), "kind", "video");
            assertTrue(video.get("packetsIn").asLong() > 0, video.toString());
            assertTrue(video.get("bytesIn").asLong() > 0, video.toString());
            for (String field : new String[] {"lost", "jitter", "nacksSent", "pliSent", "bitrateBps"}) {
                assertTrue(video.has(field), field + " in " + video);
            }
            assertTrue(ann.has("rttMs") && ann.has("nacksReceived"), ann.toString());
            JsonNode bob = participant(room, b.id());
            long bobOut = 0;
            for (JsonNode s : bob.get("subscriptions")) {
                bobOut += s.get("packetsOut").asLong();
            }
            assertTrue(bobOut > 0, bob.toString());

            String metrics = f.get(base + "/metrics", TOKEN).body();
            assertTrue(value(metrics, "junction_packets_in_total") > 30, metrics);
            assertTrue(value(metrics, "junction_packets_out_total") > 30, metrics);
            assertEquals(2.0, value(metrics, "junction_participants"), metrics);
            assertEquals(2.0, value(metrics, "junction_transports\\{state=\"connected\"\\}"), metrics);
            assertEquals(1.0, value(metrics, "junction_rooms"), metrics);
            assertEquals(1.0, value(metrics, "junction_signaling_errors_total\\{code=\"bad-json\"\\}"), metrics);
            assertEquals(0.0, value(metrics, "junction_srtp_auth_failures_total"), metrics);
            assertEquals(0.0, value(metrics, "junction_halfopen_refusals_total"), metrics);
            assertEquals(0.0, value(metrics, "junction_halfopen_transports"), metrics);
            for (String name : new String[] {"junction_nacks_sent_total", "junction_nacks_received_total",
                    "junction_nacks_served_total", "junction_pli_sent_total",
                    "junction_packets_dropped_total{reason=\"unknown-ssrc\"}",
                    "junction_packets_dropped_total{reason=\"ice_network_rejected\"}",
                    "junction_packets_dropped_total{reason=\"stun_malformed\"}", "jvm_memory_used_bytes",
                    "jvm_threads_live_threads"}) {
                assertTrue(metrics.contains(name), name + " in\n" + metrics);
            }
        }
    }

    /** Issue 18 item 6: a bounded junk burst at the media port shows in the drop counters by reason. */
    @Test
    void junkAtTheMediaPortIsCountedByReasonInTheMetrics() throws Exception {
        try (Fixture f = new Fixture(); Junction j = Fixture.start(Junction.builder().adminToken(TOKEN));
             java.net.DatagramSocket junk = new java.net.DatagramSocket(0, java.net.InetAddress.getByName("127.0.0.1"))) {
            java.net.InetSocketAddress port = new java.net.InetSocketAddress("127.0.0.1", j.mediaPort());
            byte[] notMuxed = {100, 1, 2, 3};                       // RFC 7983: nothing Junction speaks
            byte[] dtls = {22, (byte) 0xfe, (byte) 0xfd, 0, 0};     // DTLS from an address without a check
            byte[] truncatedStun = {0, 1, 0, 0x58, 0x21, 0x12};     // shorter than a STUN header
            for (int i = 0; i < 30; i++) {
                junk.send(new java.net.DatagramPacket(notMuxed, notMuxed.length, port));
                junk.send(new java.net.DatagramPacket(dtls, dtls.length, port));
                junk.send(new java.net.DatagramPacket(truncatedStun, truncatedStun.length, port));
            }
            String base = "http://127.0.0.1:" + j.httpPort();
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            String metrics;
            do {
                metrics = f.get(base + "/metrics", TOKEN).body();
            } while (value(metrics, "junction_packets_dropped_total\\{reason=\"stun_malformed\"\\}") < 30
                    && System.nanoTime() < deadline);
            assertEquals(30.0, value(metrics, "junction_packets_dropped_total\\{reason=\"port_not_stun_dtls_rtp\"\\}"), metrics);
            assertEquals(30.0, value(metrics, "junction_packets_dropped_total\\{reason=\"port_unknown_address\"\\}"), metrics);
            assertEquals(30.0, value(metrics, "junction_packets_dropped_total\\{reason=\"stun_malformed\"\\}"), metrics);
            assertEquals(0.0, value(metrics, "junction_packets_dropped_total\\{reason=\"port_bad_integrity\"\\}"), metrics);
            assertTrue(value(metrics, "junction_media_port_kernel_drops") >= 0, metrics);
            assertTrue(value(metrics, "junction_media_port_receive_buffer_bytes") > 0, metrics);
        }
    }

    private static JsonNode participant(JsonNode room, String id) {
        return byField(room.get("participants"), "id", id);
    }

    private static JsonNode byField(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (n.path(field).asText().equals(value)) {
                return n;
            }
        }
        throw new AssertionError("no element with " + field + "=" + value + " in " + array);
    }

    /** The value of the first sample whose name (and labels) match {@code nameRegex}. */
    private static double value(String metrics, String nameRegex) {
        Matcher m = Pattern.compile("(?m)^" + nameRegex + "(?:\\{[^}]*\\})? (\\S+)$").matcher(metrics);
        if (!m.find()) {
            throw new AssertionError("no sample " + nameRegex);
        }
        return Double.parseDouble(m.group(1));
    }
}
