package io.junction.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.junction.client.ClientSdp;
import io.junction.sfu.event.RoomEvent;
import io.junction.sfu.signal.MediaRights;
import io.junction.sfu.signal.NegotiationException;
import io.junction.sfu.view.ParticipantView;
import io.junction.sfu.view.TrackView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The media-only API driven by the Java client peer, the application's signaling being method
 * calls: a publisher offers, a subscribe-only participant answers the server's offer, media flows,
 * stats and events report it.
 */
class MediaOnlyApiTest {
    private static final Duration LIMIT = Duration.ofSeconds(10);

    @Test
    void publishAndSubscribeWithoutSignaling() throws Exception {
        List<RoomEvent> events = Collections.synchronizedList(new ArrayList<>());
        try (Fixture f = new Fixture();
             Junction j = Fixture.start(Junction.builder().listener(events::add));
             MediaPeer pub = new MediaPeer(f.cert(), f.handshakes());
             MediaPeer sub = new MediaPeer(f.cert(), f.handshakes())) {
            long ssrc = 0x1234_5678L;
            MediaParticipant publisher = j.media().join("media", "pub", "Publisher", pub);
            publisher.offer(ClientSdp.offer(pub.local, null, List.of(MediaPeer.audio("pub", ssrc))));
            pub.connect(pub.answer.get(5, TimeUnit.SECONDS));
            pub.connected.get(10, TimeUnit.SECONDS);

            MediaParticipant viewer = j.media().join("media", "sub", "Viewer", MediaRights.SUBSCRIBE_ONLY, sub);
            NegotiationException refused = assertThrows(NegotiationException.class, () -> viewer.offer(
                    ClientSdp.offer(sub.local, null, List.of(MediaPeer.audio("sub", 0x4242L)))));
            assertEquals("unauthorized", refused.code());

            String offer = sub.offer.get(5, TimeUnit.SECONDS);
            viewer.answer(ClientSdp.answer(sub.local, io.junction.sfu.sdp.SdpParser.parse(offer), List.of()));
            sub.connect(offer);
            sub.connected.get(10, TimeUnit.SECONDS);

            Fixture.await("media forwarded to the viewer", LIMIT, () -> {
                pub.sendAudio(ssrc, 5);
                return sub.rtpReceived.get() >= 20;
            });
            TrackView track = j.room("media").orElseThrow().tracks().get(0);
            assertEquals("pub", track.publisher());
            assertEquals("audio", track.kind());
            assertEquals(ssrc, track.ssrc());
            assertTrue(track.packetsIn() >= 20, track.toString());
            ParticipantView v = j.room("media").orElseThrow().participants().get(1);
            assertEquals("connected", v.transportState());
            assertTrue(v.subscriptions().get(0).packetsOut() >= 20, v.toString());
            assertTrue(j.totals().packetsOut() >= 20);

            viewer.leave();
            publisher.leave();
            Fixture.await("room closed", LIMIT, () -> j.room("media").isEmpty()
                    && events.stream().anyMatch(e -> e instanceof RoomEvent.RoomClosed));
            assertTrue(j.totals().packetsIn() >= 20, "departed participants' counters are kept");
            Fixture.await("all events delivered", LIMIT, () -> events.size() >= 9, events::toString);
            List<Class<?>> kinds = events.stream().<Class<?>>map(Object::getClass).toList();
            assertEquals(RoomEvent.RoomCreated.class, kinds.get(0), events.toString());
            assertEquals(RoomEvent.ParticipantJoined.class, kinds.get(1), events.toString());
            assertTrue(kinds.indexOf(RoomEvent.TrackPublished.class) < kinds.indexOf(RoomEvent.TrackUnpublished.class),
                    events.toString());
            assertEquals(2, kinds.stream().filter(RoomEvent.TransportConnected.class::equals).count(),
                    events.toString());
            assertEquals(2, kinds.stream().filter(RoomEvent.ParticipantLeft.class::equals).count(),
                    events.toString());
            assertEquals(RoomEvent.RoomClosed.class, kinds.get(kinds.size() - 1), events.toString());
        }
    }
    /** Callbacks of participants that never answer nor connect. */
    private static final MediaCallbacks SILENT = new MediaCallbacks() {
        @Override
        public void onOffer(String sdp) {
        }

        @Override
        public void onAnswer(String sdp) {
        }
    };

    @Test
    void joinsFromOneSourceAreNeverRefusedForHalfOpenTransports() throws Exception {
        try (Junction j = Fixture.start(Junction.builder().maxHalfOpenPerSource(1))) {
            for (String id : List.of("a", "b", "c")) {
                j.media().join("h", id, id.toUpperCase(java.util.Locale.ROOT), MediaRights.ALL, "203.0.113.7", SILENT);
            }
            assertEquals(List.of("a", "b", "c"), j.room("h").orElseThrow().participants().stream()
                    .map(ParticipantView::id).toList(), "a join creates no transport state to limit");
        }
    }
}
