package io.junction.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Which sockets the media port binds, as a table. */
class BindPlanTest {
    private static final Predicate<InetAddress> LOCAL = a -> Set.of("127.0.0.1", "198.18.0.1", "198.18.0.2", "fd00:0:0:0:0:0:0:1")
            .contains(a.getHostAddress());

    private record Row(String bind, List<String> announced, List<String> expected, boolean reuse) {
    }

    @Test
    void plans() {
        for (Row r : List.of(
                new Row("127.0.0.1", List.of("127.0.0.1"), List.of("127.0.0.1"), false),
                new Row("198.18.0.1", List.of("203.0.113.5"), List.of("198.18.0.1"), false), // explicit bind wins
                new Row("0.0.0.0", List.of("198.18.0.1", "198.18.0.2"), List.of("198.18.0.1", "198.18.0.2"), false),
                new Row("0.0.0.0", List.of("198.18.0.1", "198.18.0.1"), List.of("198.18.0.1"), false),
                new Row("0.0.0.0", List.of(), List.of("0.0.0.0"), false),
                new Row("0.0.0.0", List.of("203.0.113.5"), List.of("0.0.0.0"), false),  // a NAT's public address
                new Row("0.0.0.0", List.of("198.18.0.1", "203.0.113.5"), List.of("198.18.0.1", "0.0.0.0"), true),
                new Row("::", List.of("fd00::1", "2001:db8::1"), List.of("fd00:0:0:0:0:0:0:1", "0:0:0:0:0:0:0:0"), true))) {
            List<BindPlan.Bind> plan = BindPlan.plan(r.bind(), r.announced(), LOCAL);
            assertEquals(r.expected(), plan.stream().map(b -> b.address().getHostAddress()).toList(), r.toString());
            for (BindPlan.Bind b : plan) {
                assertEquals(r.reuse(), b.reuseAddress(), r.toString());
            }
        }
    }
}
