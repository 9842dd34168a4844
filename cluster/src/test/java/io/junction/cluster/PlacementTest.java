package io.junction.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class PlacementTest {
    private static ClusterView.Node node(String id, String url, int participants, String... rooms) {
        return new ClusterView.Node(id, url, participants, rooms.length, List.of(rooms));
    }

    private static final ClusterView.Node A = node("a", "ws://a/ws", 3);
    private static final ClusterView.Node B = node("b", "ws://b/ws", 1);
    private static final ClusterView.Node C = node("c", "ws://c/ws", 2, "r");
    private static final ClusterView.Node NO_URL = node("d", null, 0, "r");
    private static final ClusterView.Node FULL = node("e", "ws://e/ws", 9, "r");

    /** policy, self participants, pin owner, live nodes, expected target node (null = here), reason. */
    static Stream<Arguments> table() {
        Placement.Policy none = Placement.Policy.NONE;
        Placement.Policy pin = new Placement.Policy(true, 0);
        Placement.Policy load3 = new Placement.Policy(false, 3);
        Placement.Policy both = new Placement.Policy(true, 3);
        return Stream.of(
                Arguments.of("no policy: always here", none, 100, null, List.of(A, B, C), null, null),
                Arguments.of("pinned, this node took the pin", pin, 0, "a", List.of(A, B), null, null),
                Arguments.of("pinned elsewhere: to the owner", pin, 0, "b", List.of(A, B), "b", "pinned"),
                Arguments.of("pinned by a node not in the view: here", pin, 0, "x", List.of(A, B), null, null),
                Arguments.of("pinned by a node without URL: here", pin, 0, "d", List.of(A, NO_URL), null, null),
                Arguments.of("below the threshold: here", load3, 2, null, List.of(A, B), null, null),
                Arguments.of("at the threshold: a node hosting the room first", load3, 3, null, List.of(A, B, C),
                        "c", "load"),
                Arguments.of("at the threshold, nobody hosts it: least loaded", load3, 3, null,
                        List.of(A, node("c2", "ws://c2/ws", 2), B), "b", "load"),
                Arguments.of("equal load: lowest id", load3, 5, null,
                        List.of(A, node("z", "ws://z/ws", 1), B), "b", "load"),
                Arguments.of("host over the threshold is skipped", load3, 5, null, List.of(A, FULL, B), "b", "load"),
                Arguments.of("every other node at the threshold: here", load3, 5, null,
                        List.of(A, node("f", "ws://f/ws", 3)), null, null),
                Arguments.of("nodes without URL are no target", load3, 5, null, List.of(A, NO_URL), null, null),
                Arguments.of("self is never a target", load3, 5, null, List.of(node("a", "ws://a/ws", 0)), null, null),
                Arguments.of("both: pin wins over load", both, 9, "c", List.of(A, B, C), "c", "pinned"),
                Arguments.of("both: this node owns the pin, stays despite load", both, 9, "a", List.of(A, B), null,
                        null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decides(String name, Placement.Policy policy, int selfParticipants, String pinOwner,
                 List<ClusterView.Node> live, String expectedNode, String expectedReason) {
        Placement.Redirect r = Placement.decide(policy, "a", selfParticipants, pinOwner, live, "r");
        assertEquals(expectedNode, r == null ? null : r.node(), name);
        if (r != null) {
            assertEquals(expectedReason, r.reason().wire(), name);
            assertEquals("ws://" + expectedNode + "/ws", r.url(), name);
        }
    }

    @Test
    void policyBoundsAndUrlRequirement() {
        assertThrows(IllegalArgumentException.class, () -> new Placement.Policy(false, -1));
        assertThrows(IllegalArgumentException.class, () -> new Placement.Policy(false, 1_000_001));
        ClusterOptions o = ClusterOptions.of("redis://127.0.0.1:6379");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> o.withPlacement(new Placement.Policy(true, 0)));
        assertEquals(true, e.getMessage().contains("--node-url"), e.getMessage());
        assertEquals(true, o.withNodeUrl("ws://h/ws").withPlacement(new Placement.Policy(true, 0)).placement().pinRooms());
    }
}
