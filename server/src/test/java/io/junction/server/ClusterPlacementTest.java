package io.junction.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.junction.cluster.ClusterOptions;
import io.junction.cluster.JsonWsClient;
import io.junction.cluster.Placement;
import io.junction.cluster.RedisProcess;
import io.junction.signaling.RoomMode;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Cluster placement through a real redis-server: a pinned room sends joins reaching another node
 * to its owner, a loaded node sends joins for new rooms to a less loaded one, and the clients
 * follow the {@code redirect} to the URL it names and join there.
 */
class ClusterPlacementTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<AutoCloseable> open = new ArrayList<>();

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

    /** A node whose directory URL is its real signaling URL (so a redirect to it can be followed). */
    private Junction node(RedisProcess redis, String id, Placement.Policy policy) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName(Fixture.LOOPBACK))) {
            port = s.getLocalPort();
        }
        ClusterOptions options = ClusterOptions.of(redis.uri()).withNodeId(id)
                .withNodeUrl("ws://127.0.0.1:" + port + "/ws")
                .withTimings(Duration.ofMillis(200), Duration.ofSeconds(2)).withPlacement(policy);
        return keep(Junction.builder().defaultMode(RoomMode.P2P).roomCapacity(8).cluster(options).httpPort(port)
                .bindAddress(Fixture.LOOPBACK).mediaPort(0).mediaBindAddress(Fixture.LOOPBACK)
                .announce(Fixture.LOOPBACK).workerThreads(1).build().start());
    }

    private JsonWsClient client(int port) throws Exception {
        return keep(new JsonWsClient(http, port));
    }

    private static JsonNode tryJoin(JsonWsClient c, String room, String name) throws Exception {
        c.send("{\"type\":\"join\",\"room\":\"" + room + "\",\"name\":\"" + name + "\"}");
        JsonNode n = c.poll(Duration.ofSeconds(5));
        if (n == null) {
            throw new AssertionError("no answer to join " + room);
        }
        return n;
    }

    /** Checks {@code redirect} names {@code room}, {@code reason} and {@code target}'s URL; connects a client there. */
    private JsonWsClient follow(JsonNode redirect, String room, String reason, Junction target) throws Exception {
        assertEquals("redirect", redirect.get("type").asText(), redirect.toString());
        assertEquals(reason, redirect.get("reason").asText());
        assertEquals(room, redirect.get("room").asText());
        assertEquals("ws://127.0.0.1:" + target.httpPort() + "/ws", redirect.get("url").asText());
        return client(URI.create(redirect.get("url").asText()).getPort());
    }

    /** Whether a new client's join to {@code room} at {@code j} is taken there (not redirected). */
    private boolean joinsAt(Junction j, String room) {
        try (JsonWsClient probe = new JsonWsClient(http, j.httpPort())) {
            return tryJoin(probe, room, "probe").get("type").asText().equals("joined");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until {@code j}'s view of the directory lists every node of {@code ids}. */
    private static void awaitView(Junction j, String... ids) throws Exception {
        Fixture.await("node " + j.cluster().orElseThrow().nodeId() + " to see " + List.of(ids), Duration.ofSeconds(5),
                () -> j.cluster().orElseThrow().view().nodes().stream().map(n -> n.id()).toList()
                        .containsAll(List.of(ids)));
    }

    @Test
    void aPinnedRoomSendsJoinsToItsOwnerAndIsReleasedWhenEmpty() throws Exception {
        RedisProcess redis = keep(RedisProcess.startOrSkip());
        Placement.Policy pin = new Placement.Policy(true, 0);
        Junction a = node(redis, "a", pin);
        Junction b = node(redis, "b", pin);
        awaitView(b, "a", "b");

        JsonWsClient ann = client(a.httpPort());
        assertEquals("joined", tryJoin(ann, "pinned", "ann").get("type").asText());

        JsonWsClient bob = client(b.httpPort());
        JsonWsClient moved = follow(tryJoin(bob, "pinned", "bob"), "pinned", "pinned", a);
        assertEquals(0, b.signaling().rooms().roomSize("pinned").orElse(0), "nothing joined at b");
        // same room, now with ann as a local peer at a
        JsonNode joined = moved.join("pinned", "bob");
        assertEquals(2, joined.get("userNum").asInt());
        assertEquals("ann", joined.get("peers").get(0).get("name").asText());

        // a room nobody holds is taken by the node the join reached
        JsonWsClient cid = client(b.httpPort());
        assertEquals("joined", tryJoin(cid, "other", "cid").get("type").asText());

        // when the owner's participants leave, the pin lapses and another node may take the room
        ann.close();
        moved.close();
        Fixture.await("room pinned to be released by a", Duration.ofSeconds(10), () -> joinsAt(b, "pinned"));
    }

    @Test
    void aLoadedNodeSendsNewRoomsToALessLoadedOneButKeepsItsOwnRooms() throws Exception {
        RedisProcess redis = keep(RedisProcess.startOrSkip());
        Placement.Policy load = new Placement.Policy(false, 1);
        Junction a = node(redis, "a", load);
        Junction b = node(redis, "b", load);
        awaitView(a, "a", "b");

        JsonWsClient ann = client(a.httpPort());
        assertEquals("joined", tryJoin(ann, "x", "ann").get("type").asText(), "a has 0 < 1 participants");

        JsonWsClient bob = client(a.httpPort());
        JsonWsClient moved = follow(tryJoin(bob, "y", "bob"), "y", "load", b);
        assertEquals(1, moved.join("y", "bob").get("userNum").asInt());

        // a room a already hosts stays at a, whatever its load
        JsonWsClient cid = client(a.httpPort());
        JsonNode joined = tryJoin(cid, "x", "cid");
        assertEquals("joined", joined.get("type").asText(), joined.toString());
        assertEquals(2, joined.get("userNum").asInt());

        // no node below the threshold: the join is taken where it arrived, never refused
        Fixture.await("a's view of b's load", Duration.ofSeconds(5), () -> a.cluster().orElseThrow().view().nodes()
                .stream().anyMatch(n -> n.id().equals("b") && n.participants() >= 1));
        JsonWsClient dan = client(a.httpPort());
        JsonNode here = tryJoin(dan, "z", "dan");
        assertEquals("joined", here.get("type").asText(), here.toString());
        assertTrue(here.get("id").asText().startsWith("a-"), here.toString());
        Fixture.await("a to count its redirect", Duration.ofSeconds(5),
                () -> a.cluster().orElseThrow().view().counters().get("redirects") == 1);
    }
}
