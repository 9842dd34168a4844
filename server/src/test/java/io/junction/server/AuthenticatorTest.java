package io.junction.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.junction.client.SfuParticipantClient;
import io.junction.sfu.signal.MediaRights;
import io.junction.sfu.view.ParticipantView;
import io.junction.signaling.AuthDecision;
import io.junction.signaling.Authenticator;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** An authenticator denies and grants joins; publish-only and subscribe-only rights are enforced. */
class AuthenticatorTest {
    private static final Duration LIMIT = Duration.ofSeconds(15);

    /** Tokens: "all", "pub" (publish only), "sub" (subscribe only); anything else is denied. */
    static final Authenticator BY_TOKEN = request -> switch (String.valueOf(request.token())) {
        case "all" -> AuthDecision.grant(MediaRights.ALL);
        case "pub" -> AuthDecision.grant(MediaRights.PUBLISH_ONLY);
        case "sub" -> AuthDecision.grant(MediaRights.SUBSCRIBE_ONLY);
        default -> AuthDecision.deny("bad token for room " + request.room());
    };

    @Test
    void deniedJoinGetsUnauthorizedAndStaysOutside() throws Exception {
        try (Fixture f = new Fixture(); Junction j = Fixture.start(Junction.builder().authenticator(BY_TOKEN))) {
            SfuParticipantClient c = f.join(j, "locked", "eve", "wrong", false);
            JsonNode error = firstEvent(c, "error");
            assertEquals("unauthorized", error.get("code").asText());
            assertTrue(error.get("message").asText().contains("bad token"), error.toString());
            assertTrue(j.signaling().rooms().roomSize("locked").isEmpty());
            assertEquals(1L, j.signaling().errorCounts().get("unauthorized"));
        }
    }

    @Test
    void publishOnlyReceivesNothingAndSubscribeOnlyCannotPublish() throws Exception {
        try (Fixture f = new Fixture(); Junction j = Fixture.start(Junction.builder().authenticator(BY_TOKEN))) {
            SfuParticipantClient publisher = f.join(j, "r", "pub", "pub", true);
            SfuParticipantClient full = f.join(j, "r", "all", "all", true);
            SfuParticipantClient watcher = f.join(j, "r", "sub", "sub", true); // tries to publish
            publisher.joined().get(5, TimeUnit.SECONDS);
            full.joined().get(5, TimeUnit.SECONDS);
            watcher.joined().get(5, TimeUnit.SECONDS);

            JsonNode refused = firstEvent(watcher, "error");
            assertEquals("unauthorized", refused.get("code").asText(), refused.toString());

            publisher.connected().get(10, TimeUnit.SECONDS);
            full.connected().get(10, TimeUnit.SECONDS);
            var pubPump = io.junction.client.MediaPump.start(publisher);
            var fullPump = io.junction.client.MediaPump.start(full);
            try {
                Fixture.await("the full participant receives the publisher's media", LIMIT,
                        () -> full.received().values().stream()
                                .anyMatch(s -> s.streamId().equals(publisher.id()) && s.packets() > 0));
                Fixture.await("the watcher receives both publishers", LIMIT,
                        () -> participant(j, watcher.id()).map(p -> p.subscriptions().size() == 4).orElse(false),
                        () -> j.room("r").toString());
                ParticipantView pub = participant(j, publisher.id()).orElseThrow();
                assertEquals(0, pub.subscriptions().size(), pub.toString());
                assertEquals(2, pub.published().size(), pub.toString());
                assertEquals(0, publisher.offersAnswered(), "a publish-only participant is never offered tracks");
                ParticipantView sub = participant(j, watcher.id()).orElseThrow();
                assertEquals(0, sub.published().size(), sub.toString());
            } finally {
                pubPump.close();
                fullPump.close();
            }
        }
    }

    private static Optional<ParticipantView> participant(Junction j, String id) {
        return j.room("r").flatMap(r -> r.participants().stream().filter(p -> p.id().equals(id)).findFirst());
    }

    static JsonNode firstEvent(SfuParticipantClient c, String type) throws InterruptedException {
        // the client's thread appends to the synchronized event list: read it under its lock
        Fixture.await(type, Duration.ofSeconds(10), () -> {
            synchronized (c.events()) {
                return c.events().stream().anyMatch(e -> e.path("type").asText().equals(type));
            }
        }, () -> c.events().toString());
        synchronized (c.events()) {
            return c.events().stream().filter(e -> e.path("type").asText().equals(type)).findFirst().orElseThrow();
        }
    }
}
