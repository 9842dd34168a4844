package io.junction.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Replies to abuse stay bounded: one {@code rate-limited} per episode (without {@code "ref":null}),
 * a close with {@code protocol-closed} after maxViolations refused frames, an unknown type echoed
 * once and truncated, and {@code too-large} before the close of a message over the hard limit.
 */
class AbuseRepliesTest {
    private final WsClients clients = new WsClients();
    private final AtomicLong nanos = new AtomicLong();
    private SignalingServer server;

    private WsClient start(SignalingOptions options, SignalingLimits limits) throws Exception {
        server = new SignalingServer(new FakeMediaEngine(), options.withNanoClock(nanos::get), limits);
        server.start("127.0.0.1", 0);
        return clients.open(server.port());
    }

    @AfterEach
    void stop() {
        clients.close();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aBurstOverTheRateGetsOneReplyAndTheConnectionClosesAfterTheViolationLimit() throws Exception {
        WsClient c = start(SignalingOptions.defaults().withRateLimit(1, 2), SignalingLimits.defaults().withMaxViolations(10));
        String leave = "{\"type\":\"leave\",\"room\":\"r\"}";
        for (int i = 0; i < 11; i++) { // the clock stands still: 2 pass (not-in-room), 9 are over the rate
            c.send(leave);
        }
        assertEquals("not-in-room", c.next("error").get("code").asText());
        assertEquals("not-in-room", c.next("error").get("code").asText());
        JsonNode limited = c.next("error");
        assertEquals("rate-limited", limited.get("code").asText());
        assertFalse(limited.has("ref"), "no \"ref\":null: " + limited);
        // 9 rate-limited frames were refused with one reply; the 10th violation closes
        c.send(leave);
        JsonNode closing = c.next("error");
        assertEquals("protocol-closed", closing.get("code").asText(), closing.toString());
        assertEquals(1008, c.closed().get(5, TimeUnit.SECONDS));
        assertEquals(0, c.backlog(), "nothing between the one rate-limited reply and the close");
        assertEquals(1L, server.errorCounts().get("protocol-closed"));
    }

    @Test
    void afterTheBucketRefillsTheNextEpisodeIsReportedAgain() throws Exception {
        WsClient c = start(SignalingOptions.defaults().withRateLimit(1, 1), SignalingLimits.defaults());
        String leave = "{\"type\":\"leave\",\"room\":\"r\"}";
        c.send(leave);
        c.send(leave);
        c.send(leave);
        assertEquals("not-in-room", c.next("error").get("code").asText());
        assertEquals("rate-limited", c.next("error").get("code").asText());
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(1));
        c.send(leave);
        assertEquals("not-in-room", c.next("error").get("code").asText());
        c.send(leave);
        assertEquals("rate-limited", c.next("error").get("code").asText());
        assertEquals(0, c.backlog());
    }

    @Test
    void anUnknownTypeIsEchoedOnceAndTruncated() throws Exception {
        WsClient c = start(SignalingOptions.defaults(), SignalingLimits.defaults());
        String type = "x".repeat(5000);
        c.send("{\"type\":\"" + type + "\"}");
        JsonNode error = c.next("error");
        assertEquals("bad-message", error.get("code").asText());
        assertEquals("x".repeat(SignalCodec.MAX_ECHO_CHARS), error.get("ref").asText());
        assertFalse(error.get("message").asText().contains("xxx"), error.toString());
        assertTrue(error.toString().length() < 200, error.toString());
    }

    @Test
    void aMessageOverFourTimesTheFrameLimitGetsTooLargeBeforeTheClose() throws Exception {
        WsClient c = start(SignalingOptions.defaults().withMaxFrameBytes(64 * 1024), SignalingLimits.defaults());
        c.send("{\"type\":\"chat\",\"pad\":\"" + "y".repeat(70 * 1024) + "\"}");
        assertEquals("too-large", c.next("error").get("code").asText(), "over the limit: error, socket stays");
        c.send("{\"type\":\"leave\",\"room\":\"r\"}");
        assertEquals("not-in-room", c.next("error").get("code").asText());
        c.send("{\"type\":\"chat\",\"pad\":\"" + "z".repeat(4 * 64 * 1024 + 10) + "\"}");
        JsonNode error = c.next("error");
        assertEquals("too-large", error.get("code").asText());
        assertEquals(1009, c.closed().get(5, TimeUnit.SECONDS));
    }
}
