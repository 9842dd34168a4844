package io.junction.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.cluster.JsonWsClient;
import io.junction.cluster.RedisProcess;
import io.junction.signaling.RoomMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rooms spanning Junction nodes in one JVM, through a real redis-server (signaling only): /ws
 * clients on different nodes see each other join, leave and relay; a crashed node's participants
 * get {@code bye} within 10 s; a Redis restart leaves local rooms working and the nodes
 * re-register without duplicates.
 */
class ClusterTest {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterTest.class);
    private static final Duration QUIET = Duration.ofMillis(300);
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<AutoCloseable> open = new ArrayList<>();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private <T extends AutoCloseable> T keep(T c) {
        open.add(c);
        return c;
    }

    private RedisProcess redis() throws Exception {
        return keep(RedisProcess.startOrSkip());
    }

    private Junction node(RedisProcess redis, String id, int capacity) throws Exception {
        return keep(Fixture.start(Junction.builder().defaultMode(RoomMode.P2P).roomCapacity(capacity)
                .adminToken("admin-secret").clusterRedis(redis.uri()).nodeId(id)
                .nodeUrl("ws://127.0.0.1:0/ws")));
    }

    private JsonWsClient client(Junction j) throws Exception {
        return keep(new JsonWsClient(http, j.httpPort()));
    }

    private static void send(JsonWsClient c, String room, String to, String data) throws Exception {
        c.send("{\"type\":\"message\",\"room\":\"" + room + "\"" + (to == null ? "" : ",\"to\":\"" + to + "\"")
                + ",\"data\":" + data + "}");
    }

    @Test
    void p2pExchangeAcrossNodesAndCapacityCountsEveryNode() throws Exception {
        RedisProcess redis = redis();
        Junction a = node(redis, "a", 2);
        Junction b = node(redis, "b", 2);
        Junction c = node(redis, "c", 2);
        JsonWsClient ann = client(a);
        JsonWsClient bob = client(b);
        JsonWsClient cid = client(c);

        JsonNode annJoined = ann.join("r1", "ann");
        String annId = annJoined.get("id").asText();
        assertTrue(annId.startsWith("a-p"), annId);
        JsonNode bobJoined = bob.join("r1", "bob");
        String bobId = bobJoined.get("id").asText();
        assertTrue(bobId.startsWith("b-p"), bobId);
        assertEquals(2, bobJoined.get("userNum").asInt());
        assertEquals(annId, bobJoined.get("peers").get(0).get("id").asText(), "the peer on node a is listed");
        assertEquals("ann", bobJoined.get("peers").get(0).get("name").asText());
        JsonNode other = ann.next("otherjoin");
        assertEquals(bobId, other.get("id").asText());
        assertEquals("bob", other.get("name").asText());
        assertEquals(2, other.get("userNum").asInt());

        // the p2p exchange: offer to a peer on another node, answer back, trickled candidates to the room
        send(bob, "r1", annId, "{\"type\":\"offer\",\"sdp\":\"v=0 from bob\"}");
        JsonNode offer = ann.next("message");
        assertEquals(bobId, offer.get("from").asText());
        assertEquals("v=0 from bob", offer.get("data").get("sdp").asText());
        send(ann, "r1", bobId, "{\"type\":\"answer\",\"sdp\":\"v=0 from ann\"}");
        assertEquals("v=0 from ann", bob.next("message").get("data").get("sdp").asText());
        send(ann, "r1", null, "{\"type\":\"candidate\",\"candidate\":\"candidate:1 1 udp 1 127.0.0.1 9 typ host\","
                + "\"sdpMid\":\"0\",\"sdpMLineIndex\":0}");
        JsonNode cand = bob.next("message");
        assertEquals(annId, cand.get("from").asText());
        assertEquals("candidate", cand.get("data").get("type").asText());
        send(bob, "r1", null, "{\"type\":\"chat\",\"text\":\"hello from b\",\"extra\":{\"kept\":true}}");
        JsonNode chat = ann.next("message");
        assertEquals("hello from b", chat.get("data").get("text").asText());
        assertTrue(chat.get("data").get("extra").get("kept").asBoolean(), "unknown fields pass through");

        // a relay to an id nobody has is refused as before
        send(bob, "r1", "z-p9", "{\"type\":\"offer\",\"sdp\":\"x\"}");
        assertEquals("bad-message", bob.next("error").get("code").asText());

        // capacity 2 counts the participants of every node: a third on node c is refused
        cid.send("{\"type\":\"join\",\"room\":\"r1\",\"name\":\"cid\"}");
        JsonNode full = cid.next("full");
        assertEquals(2, full.get("userNum").asInt());

        bob.send("{\"type\":\"leave\",\"room\":\"r1\"}");
        bob.next("leaved");
        JsonNode bye = ann.next("bye");
        assertEquals(bobId, bye.get("id").asText());
        assertEquals(1, bye.get("userNum").asInt());
        assertNull(ann.poll(QUIET), "nothing else reached ann");

        // now there is room: cid joins on the third node and sees ann
        JsonNode cidJoined = cid.join("r1", "cid");
        assertTrue(cidJoined.get("id").asText().startsWith("c-p"));
        assertEquals(annId, cidJoined.get("peers").get(0).get("id").asText());
        assertEquals(cidJoined.get("id").asText(), ann.next("otherjoin").get("id").asText());

        JsonNode cluster = api(a, "/api/cluster");
        assertTrue(cluster.get("clustered").asBoolean());
        assertEquals("a", cluster.get("self").asText());
        Fixture.await("the directory shows 3 nodes", Duration.ofSeconds(5),
                () -> api(a, "/api/cluster").get("nodes").size() == 3);
        Fixture.await("node c hosting r1", Duration.ofSeconds(5), () -> {
            for (JsonNode n : api(a, "/api/cluster").get("nodes")) {
                if (n.get("id").asText().equals("c")) {
                    return n.get("participants").asInt() == 1 && n.get("rooms").toString().equals("[\"r1\"]");
                }
            }
            return false;
        });
        HttpResponse<String> noToken = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + a.httpPort() + "/api/cluster")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, noToken.statusCode(), "the admin token rule applies to /api/cluster");
    }

    @Test
    void aCrashedNodesParticipantsGetByeWithinTenSeconds() throws Exception {
        RedisProcess redis = redis();
        Junction a = node(redis, "a", 4);
        Junction b = node(redis, "b", 4);
        Junction c = node(redis, "c", 4);
        JsonWsClient ann = client(a);
        JsonWsClient bob = client(b);
        JsonWsClient cid = client(c);
        ann.join("r2", "ann");
        bob.join("r2", "bob");
        ann.next("otherjoin");
        String cidId = cid.join("r2", "cid").get("id").asText();
        ann.next("otherjoin");
        bob.next("otherjoin");

        // node c dies: no leave, no deregistration, its heartbeat just stops
        long crashed = System.nanoTime();
        c.cluster().orElseThrow().halt();
        c.close();
        JsonNode byeA = ann.next("bye", Duration.ofSeconds(10));
        JsonNode byeB = bob.next("bye", Duration.ofSeconds(10));
        long ms = (System.nanoTime() - crashed) / 1_000_000;
        LOG.info("bye for the crashed node's participant after {} ms", ms);
        assertEquals(cidId, byeA.get("id").asText());
        assertEquals(cidId, byeB.get("id").asText());
        assertEquals(2, byeA.get("userNum").asInt());
        assertTrue(ms <= 10_000, "bye after " + ms + " ms");
        // ann and bob go on between themselves
        send(ann, "r2", null, "{\"type\":\"chat\",\"text\":\"still here\"}");
        assertEquals("still here", bob.next("message").get("data").get("text").asText());
        Fixture.await("the directory forgets node c", Duration.ofSeconds(5),
                () -> api(a, "/api/cluster").get("nodes").size() == 2);
    }

    @Test
    void redisStoppedAndRestartedMidSession() throws Exception {
        RedisProcess redis = redis();
        Junction a = node(redis, "a", 8);
        Junction b = node(redis, "b", 8);
        JsonWsClient ann = client(a);
        JsonWsClient bob = client(b);
        String annId = ann.join("r3", "ann").get("id").asText();
        String bobId = bob.join("r3", "bob").get("id").asText();
        ann.next("otherjoin");
        JsonWsClient al = client(a);
        String alId = al.join("r3", "al").get("id").asText();
        ann.next("otherjoin");
        bob.next("otherjoin");

        redis.stop();
        Fixture.await("node a notices Redis is gone", Duration.ofSeconds(10),
                () -> !a.cluster().orElseThrow().view().redisReachable());
        // node a's local room keeps working: a join, otherjoin, a relay between its local participants
        JsonWsClient amy = client(a);
        JsonNode amyJoined = amy.join("r3", "amy");
        String amyId = amyJoined.get("id").asText();
        assertEquals(4, amyJoined.get("userNum").asInt(), "ann, al, amy and bob (still listed from before)");
        assertEquals(amyId, ann.next("otherjoin").get("id").asText());
        al.next("otherjoin");
        send(amy, "r3", annId, "{\"type\":\"offer\",\"sdp\":\"local\"}");
        assertEquals("local", ann.next("message").get("data").get("sdp").asText());
        al.send("{\"type\":\"leave\",\"room\":\"r3\"}");
        al.next("leaved");
        assertEquals(alId, ann.next("bye").get("id").asText());
        assertEquals(alId, amy.next("bye").get("id").asText());

        redis.start(); // empty: no persistence
        Fixture.await("both nodes re-registered", Duration.ofSeconds(15),
                () -> a.cluster().orElseThrow().view().redisReachable()
                        && a.cluster().orElseThrow().view().nodes().size() == 2
                        && b.cluster().orElseThrow().view().nodes().size() == 2);
        // bob learns of amy, who joined while node a was cut off, and that al left meanwhile;
        // nobody is told bye by mistake
        Set<String> news = new HashSet<>();
        for (int i = 0; i < 2; i++) {
            JsonNode n = bob.poll(Duration.ofSeconds(12));
            assertTrue(n != null, "bob heard " + news + " only");
            news.add(n.get("type").asText() + " " + n.get("id").asText());
        }
        assertEquals(Set.of("otherjoin " + amyId, "bye " + alId), news);
        assertNull(bob.poll(Duration.ofSeconds(2)), "no bye/otherjoin flapping at bob");
        assertNull(ann.poll(QUIET), "no bye/otherjoin flapping at ann");

        // a newcomer on node b sees each participant once
        JsonWsClient ben = client(b);
        JsonNode benJoined = ben.join("r3", "ben");
        Set<String> peers = new HashSet<>();
        benJoined.get("peers").forEach(p -> peers.add(p.get("id").asText()));
        assertEquals(Set.of(annId, amyId, bobId), peers);
        assertEquals(3, benJoined.get("peers").size(), "no duplicates");
        assertEquals(4, benJoined.get("userNum").asInt());
        assertEquals(benJoined.get("id").asText(), ann.next("otherjoin").get("id").asText());
        assertEquals(benJoined.get("id").asText(), amy.next("otherjoin").get("id").asText());
        send(ben, "r3", amyId, "{\"type\":\"offer\",\"sdp\":\"after restart\"}");
        assertEquals("after restart", amy.next("message").get("data").get("sdp").asText());
        assertFalse(a.cluster().orElseThrow().view().counters().get("reregistrations") < 2);
    }

    @Test
    void unreachableRedisFailsTheStartNamingTheOption() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Junction j = Junction.builder().httpPort(0).bindAddress(Fixture.LOOPBACK).mediaPort(0)
                .mediaBindAddress(Fixture.LOOPBACK).announce(Fixture.LOOPBACK).workerThreads(1)
                .clusterRedis("redis://127.0.0.1:" + closedPort).build();
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, j::start);
        assertTrue(e.getMessage().contains("--cluster-redis"), e.getMessage());
        j.close();
    }

    @Test
    void closingANodeEndsItsClusterThreads() throws Exception {
        RedisProcess redis = redis();
        Junction solo = Fixture.start(Junction.builder().clusterRedis(redis.uri()).nodeId("solo"));
        assertTrue(threads("junction-cluster-solo") == 1);
        JsonWsClient c = client(solo);
        c.join("t", "x");
        solo.close();
        Fixture.await("cluster and Redis client threads end", Duration.ofSeconds(5),
                () -> threads("junction-cluster-solo") == 0 && threads("lettuce-") == 0,
                () -> Thread.getAllStackTraces().keySet().stream().map(Thread::getName).sorted().toList().toString());
        // it left cleanly: its record and members are gone from the directory
        io.lettuce.core.RedisClient lettuce = io.lettuce.core.RedisClient.create(redis.uri());
        try (var conn = lettuce.connect()) {
            assertEquals(0L, conn.sync().exists("junction:node:solo"));
            assertEquals(0L, conn.sync().hlen("junction:room:t:members"));
            assertFalse(conn.sync().smembers("junction:nodes").contains("solo"));
        } finally {
            lettuce.shutdown(0, 2, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void strayAndMalformedChannelMessagesAreCountedAndCannotLeaveGhosts() throws Exception {
        RedisProcess redis = redis();
        Junction a = node(redis, "a", 8);
        JsonWsClient ann = client(a);
        ann.join("g", "ann");
        io.lettuce.core.RedisClient lettuce = io.lettuce.core.RedisClient.create(redis.uri());
        try (var conn = lettuce.connect()) {
            conn.sync().publish("junction:room:g", "{not json");
            conn.sync().publish("junction:room:g", "{\"node\":\"zz\",\"seq\":1,\"kind\":\"relay\",\"id\":\"zz-p1\"}");
            Fixture.await("two malformed messages counted", Duration.ofSeconds(5),
                    () -> a.cluster().orElseThrow().view().counters().get("malformed") == 2);
            // a join from a node that is not in the directory: listed at once, then told bye
            conn.sync().publish("junction:room:g",
                    "{\"node\":\"zz\",\"seq\":2,\"kind\":\"join\",\"id\":\"zz-p1\",\"name\":\"ghost\"}");
            assertEquals("zz-p1", ann.next("otherjoin").get("id").asText());
            JsonNode bye = ann.next("bye", Duration.ofSeconds(5));
            assertEquals("zz-p1", bye.get("id").asText());
            assertEquals(1, bye.get("userNum").asInt());
        } finally {
            lettuce.shutdown(0, 2, java.util.concurrent.TimeUnit.SECONDS);
        }
        send(ann, "g", null, "{\"type\":\"chat\",\"text\":\"ok\"}");
        assertNull(ann.poll(QUIET), "the node serves on; nothing echoed");
    }

    private static long threads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix)).count();
    }

    @Test
    void aNodeWithoutClusterReportsItselfAlone() throws Exception {
        Junction solo = keep(Fixture.start(Junction.builder().adminToken("admin-secret")));
        JsonNode view = api(solo, "/api/cluster");
        assertFalse(view.get("clustered").asBoolean());
        assertEquals(1, view.get("nodes").size());
        assertTrue(solo.cluster().isEmpty());
        JsonWsClient c = client(solo);
        assertEquals("p1", c.join("alone", "x").get("id").asText(), "ids keep their single-node form");
    }

    private JsonNode api(Junction j, String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + j.httpPort() + path))
                    .header("Authorization", "Bearer admin-secret").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            return json.readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
