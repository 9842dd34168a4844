package io.junction.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.junction.client.SfuParticipantClient;
import io.junction.sfu.view.ParticipantView;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two instances in one JVM, same room name, different ports: neither sees the other's participants. */
class TwoInstancesTest {

    @Test
    void instancesShareNothing() throws Exception {
        try (Fixture f = new Fixture();
             Junction one = Fixture.start(Junction.builder());
             Junction two = Fixture.start(Junction.builder())) {
            assertNotEquals(one.httpPort(), two.httpPort());
            assertNotEquals(one.mediaPort(), two.mediaPort());
            SfuParticipantClient a = f.join(one, "same", "ann", null, false);
            SfuParticipantClient b = f.join(two, "same", "bob", null, false);
            a.joined().get(5, TimeUnit.SECONDS);
            b.joined().get(5, TimeUnit.SECONDS);
            // the room appears in the registry before its worker has added the participant: wait for both
            Fixture.await("both media sessions", Duration.ofSeconds(5),
                    () -> hasParticipant(one) && hasParticipant(two));
            assertEquals(List.of("ann"), names(one));
            assertEquals(List.of("bob"), names(two));
            assertEquals(1, one.signaling().rooms().roomSize("same").getAsInt());
            assertEquals(1, two.signaling().rooms().roomSize("same").getAsInt());
            // no "otherjoin" crossed over
            assertEquals(0, a.events().stream().filter(e -> e.path("type").asText().equals("otherjoin")).count());
        }
    }

    @Test
    void aSecondInstanceOnATakenPortFailsAndFreesWhatItTook() throws Exception {
        try (Junction one = Fixture.start(Junction.builder())) {
            long workersBefore = roomWorkers();
            Junction two = Junction.builder().httpPort(one.httpPort()).bindAddress(Fixture.LOOPBACK).mediaPort(0)
                    .mediaBindAddress(Fixture.LOOPBACK).announce(Fixture.LOOPBACK).workerThreads(1).build();
            assertThrows(java.io.IOException.class, two::start);
            assertThrows(IllegalStateException.class, two::rooms, "closed after failing");
            Fixture.await("the failed instance's room worker to end", Duration.ofSeconds(2),
                    () -> roomWorkers() == workersBefore);
        }
    }

    private static long roomWorkers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("junction-room")).count();
    }

    private static boolean hasParticipant(Junction j) {
        return j.room("same").map(r -> !r.participants().isEmpty()).orElse(false);
    }

    private static List<String> names(Junction j) {
        return j.room("same").orElseThrow().participants().stream().map(ParticipantView::name).toList();
    }
}
