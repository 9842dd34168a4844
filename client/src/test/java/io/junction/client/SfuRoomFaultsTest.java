package io.junction.client;

import io.junction.sfu.sdp.Direction;
import io.junction.sfu.sdp.MediaDescription;
import io.junction.sfu.sdp.SessionDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static io.junction.client.LoopbackRoom.await;
import static io.junction.client.LoopbackRoom.connect;
import static io.junction.client.LoopbackRoom.packetsFrom;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Killing a client mid-handshake, mid-stream and mid-negotiation: the server frees the
 * participant's media within the ICE timeouts and the others keep working.
 */
class SfuRoomFaultsTest {
    private LoopbackRoom room;

    @AfterEach
    void stop() {
        if (room != null) {
            room.close();
        }
    }

    @Test
    void aClientThatNeverStartsIceLosesItsTracksAfterTheConnectTimeout() throws Exception {
        room = new LoopbackRoom(b -> b.connectTimeout(Duration.ofSeconds(2)));
        int baselineBuffers = room.engine.outstandingBuffers();
        SfuParticipantClient ann = room.join("f1", "ann", true);
        connect(ann);
        // Its ICE socket is gone before the answer arrives: it offers and publishes, never connects.
        SfuParticipantClient mal = room.join("f1", "mal", true);
        mal.peer().ice().close();
        mal.joined().get(5, java.util.concurrent.TimeUnit.SECONDS);
        await("ann offered mal's tracks", Duration.ofSeconds(10), () -> sectionsOf(ann, mal.id()) == 2);
        await("mal's sections inactive at ann after the connect timeout", Duration.ofSeconds(10),
                () -> inactive(ann, mal.id()));
        await("mal's ICE transport closed", Duration.ofSeconds(5), () -> room.engine.liveTransports() == 1);
        assertEquals(1, room.engine.roomCount(), "mal keeps its signaling membership");

        ann.leave();
        mal.leave();
        await("no rooms left", Duration.ofSeconds(10), () -> room.engine.roomCount() == 0);
        await("no transports left", Duration.ofSeconds(5), () -> room.engine.liveTransports() == 0);
        await("pooled buffers back to " + baselineBuffers, Duration.ofSeconds(10),
                () -> room.engine.outstandingBuffers() == baselineBuffers);
    }

    @Test
    void aPublisherWhoseUdpGoesSilentLosesItsTracksAfterTheConsentTimeout() throws Exception {
        room = new LoopbackRoom(b -> b.consentTimeout(Duration.ofSeconds(10)));
        int baselineBuffers = room.engine.outstandingBuffers();
        SfuParticipantClient ann = room.join("f2", "ann", true);
        SfuParticipantClient bob = room.join("f2", "bob", true);
        connect(ann);
        connect(bob);
        room.pump(ann);
        room.pump(bob);
        await("bob receiving ann", Duration.ofSeconds(15), () -> packetsFrom(bob, ann.id(), "video") > 20);

        ann.peer().ice().close(); // UDP silent, no DTLS close_notify
        await("ann's sections inactive at bob after consent loss", Duration.ofSeconds(20),
                () -> inactive(bob, ann.id()));
        await("ann's ICE transport closed", Duration.ofSeconds(5), () -> room.engine.liveTransports() == 1);
        long frozen = packetsFrom(bob, ann.id(), "audio") + packetsFrom(bob, ann.id(), "video");
        assertEquals(frozen, packetsFrom(bob, ann.id(), "audio") + packetsFrom(bob, ann.id(), "video"),
                "ann's packets still reach bob");
        assertEquals(1, room.engine.roomCount(), "ann keeps its signaling membership");

        ann.leave();
        bob.leave();
        await("no rooms left", Duration.ofSeconds(10), () -> room.engine.roomCount() == 0);
        await("no transports left", Duration.ofSeconds(5), () -> room.engine.liveTransports() == 0);
        await("pooled buffers back to " + baselineBuffers, Duration.ofSeconds(10),
                () -> room.engine.outstandingBuffers() == baselineBuffers);
    }

    /**
     * Keyframe recovery after a burst: 1.5 s of the publisher's video never reaches the server and
     * is never retransmitted. The server gives up on NACK for it, asks the publisher for a keyframe
     * (PLI, RFC 4585 §6.3.1) and the subscriber decodes again from that keyframe. The publisher sends
     * no periodic keyframes here, so the only way out is the server's request.
     */
    @Test
    void aBurstNackCannotRepairIsRecoveredWithAKeyframe() throws Exception {
        room = new LoopbackRoom();
        SfuParticipantClient pub = room.join("f5", "ann", true);
        SfuParticipantClient sub = room.join("f5", "bob", false);
        connect(pub);
        MediaPump pump = room.pump(pub, Integer.MAX_VALUE);
        connect(sub);
        await("bob decoding ann's video", Duration.ofSeconds(15), () -> LoopbackRoom.from(sub, pub.id(), "video")
                .stream().anyMatch(v -> v.keyframes() > 0 && v.packets() > 60));
        ReceivedStream video = LoopbackRoom.from(sub, pub.id(), "video").get(0);
        long keyframesBefore = video.keyframes();
        long requestsBefore = pump.keyframeRequests();
        long lostBefore = video.lost();

        int burst = 90; // 1.5 s at 30 fps × 2 packets per frame
        pump.withholdVideo(burst);
        await("burst of " + burst + " packets", Duration.ofSeconds(10), () -> pump.withheldSequences().size() == burst);
        long burstEnd = pump.lastWithheldNanos();
        await("a keyframe after the burst", Duration.ofSeconds(10), () -> video.keyframes() > keyframesBefore,
                () -> "keyframe requests at the publisher " + pump.keyframeRequests() + ", lost " + video.lost());
        long recoveredAt = video.lastKeyframeNanos();
        double recoveryMs = (recoveredAt - burstEnd) / 1e6;
        System.out.printf("keyframe recovery after a %d-packet burst: %.0f ms after the burst ended "
                + "(%d keyframe requests at the publisher)%n", burst, recoveryMs, pump.keyframeRequests() - requestsBefore);
        org.junit.jupiter.api.Assertions.assertTrue(pump.keyframeRequests() > requestsBefore,
                "the server asked the publisher for a keyframe");
        org.junit.jupiter.api.Assertions.assertTrue(recoveredAt > burstEnd, "the keyframe came after the burst");
        org.junit.jupiter.api.Assertions.assertTrue(video.lost() >= lostBefore + burst,
                "the burst was not repaired (lost " + (video.lost() - lostBefore) + ")");
        long after = video.packets();
        await("video flows after the keyframe", Duration.ofSeconds(5), () -> video.packets() > after + 30);
        assertEquals(0, video.corrupt());
    }

    @Test
    void anUnansweredServerOfferIsSentAgainOnceAfterTheNegotiationTimeout() throws Exception {
        room = new LoopbackRoom(b -> { }, io.junction.sfu.room.RoomOptions.defaults().withNegotiationTimeoutMs(1000));
        SignalingClient mute = SignalingClient.connect(URI.create("ws://127.0.0.1:" + room.server.port() + "/ws"),
                Duration.ofSeconds(5));
        try {
            SfuParticipantClient ann = room.join("f4", "ann", true);
            connect(ann);
            mute.join("f4", "mute");
            mute.next("joined", Duration.ofSeconds(5));
            com.fasterxml.jackson.databind.JsonNode first = mute.next("message", Duration.ofSeconds(5));
            com.fasterxml.jackson.databind.JsonNode again = mute.next("message", Duration.ofSeconds(5));
            org.junit.jupiter.api.Assertions.assertEquals("offer", first.path("data").path("type").asText());
            org.junit.jupiter.api.Assertions.assertEquals("offer", again.path("data").path("type").asText(),
                    "the unanswered offer is sent again after the timeout");
            org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.TimeoutException.class,
                    () -> mute.next("message", Duration.ofMillis(2500)), "only once");
            // A late answer to the repeated offer is still accepted.
            String answer = ClientSdp.answer(new ClientSdp.Local(ann.peer().localCredentials(),
                    ann.peer().localFingerprint(), ann.peer().localCandidates()),
                    io.junction.sfu.sdp.SdpParser.parse(again.path("data").path("sdp").asText()), java.util.List.of());
            mute.message("f4", new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                    .put("type", "answer").put("sdp", answer), null);
            mute.leave("f4");
            com.fasterxml.jackson.databind.JsonNode reply = mute.next(Duration.ofSeconds(5));
            org.junit.jupiter.api.Assertions.assertEquals("leaved", reply.path("type").asText(),
                    "the late answer was accepted without an error: " + reply);
        } finally {
            mute.close();
        }
    }

    @Test
    void aSubscriberThatNeverAnswersDoesNotWedgeTheRoom() throws Exception {
        room = new LoopbackRoom();
        int baselineBuffers = room.engine.outstandingBuffers();
        SignalingClient mute = SignalingClient.connect(URI.create("ws://127.0.0.1:" + room.server.port() + "/ws"),
                Duration.ofSeconds(5));
        try {
            mute.join("f3", "mute");
            mute.next("joined", Duration.ofSeconds(5));
            SfuParticipantClient ann = room.join("f3", "ann", true);
            SfuParticipantClient bob = room.join("f3", "bob", true);
            connect(ann);
            connect(bob);
            room.pump(ann);
            room.pump(bob);
            mute.next("message", Duration.ofSeconds(5)); // the server's offer, never answered
            await("ann and bob receive each other", Duration.ofSeconds(15),
                    () -> packetsFrom(bob, ann.id(), "video") > 20 && packetsFrom(ann, bob.id(), "video") > 20);

            bob.leave();
            await("bob's sections inactive at ann", Duration.ofSeconds(10), () -> inactive(ann, bob.id()));
            mute.leave("f3");
            ann.leave();
            await("no rooms left", Duration.ofSeconds(10), () -> room.engine.roomCount() == 0);
            await("no transports left", Duration.ofSeconds(5), () -> room.engine.liveTransports() == 0);
            await("pooled buffers back to " + baselineBuffers, Duration.ofSeconds(10),
                    () -> room.engine.outstandingBuffers() == baselineBuffers);
        } finally {
            mute.close();
        }
    }

    /** Sections (by mid) the server offered {@code c} for {@code publisherId}'s tracks. */
    private static List<String> midsOf(SfuParticipantClient c, String publisherId) {
        return c.received().values().stream().filter(s -> s.streamId() != null && s.streamId().equals(publisherId))
                .map(ReceivedStream::mid).distinct().toList();
    }

    private static long sectionsOf(SfuParticipantClient c, String publisherId) {
        return publisherId == null ? 0 : midsOf(c, publisherId).size();
    }

    /** Every section of the last server description that carried {@code publisherId}'s tracks is inactive. */
    private static boolean inactive(SfuParticipantClient c, String publisherId) {
        SessionDescription sd = c.lastRemoteDescription();
        List<String> mids = midsOf(c, publisherId);
        if (sd == null || mids.isEmpty()) {
            return false;
        }
        for (MediaDescription m : sd.media()) {
            if (mids.contains(m.mid()) && !m.isRejected() && m.direction() != Direction.INACTIVE) {
                return false;
            }
        }
        return true;
    }
}
