package io.junction.client;

import io.junction.ice.IceTransport;
import io.junction.sfu.room.RoomOptions;
import io.junction.sfu.sdp.SessionDescription;
import io.junction.transport.MediaTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.junction.client.LoopbackRoom.await;
import static io.junction.client.LoopbackRoom.connect;
import static io.junction.client.LoopbackRoom.packetsFrom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ICE restart over loopback (issue 12 item 3): a participant re-offers with new ICE credentials from a
 * new port; the server answers with new credentials of its own, keeps the DTLS association and the
 * SRTP contexts, and media flows both ways on the new path.
 */
class SfuRoomIceRestartTest {
    private static final Duration LIMIT = Duration.ofSeconds(10);
    private LoopbackRoom room;

    @AfterEach
    void stop() {
        if (room != null) {
            room.close();
        }
    }

    @Test
    void mediaResumesOnTheNewPathWithTheSameDtlsAndSrtp() throws Exception {
        room = new LoopbackRoom(b -> { }, RoomOptions.defaults(), 8);
        SfuParticipantClient ann = room.join("r", "ann", true);
        SfuParticipantClient bob = room.join("r", "bob", true);
        connect(ann);
        connect(bob);
        room.pump(ann);
        room.pump(bob);
        await("ann and bob receive each other", LIMIT,
                () -> packetsFrom(bob, ann.id(), "video") > 20 && packetsFrom(ann, bob.id(), "video") > 20);
        IceTransport oldIce = ann.peer().ice();
        int oldPort = oldIce.localCandidates().get(0).port();
        String oldServerUfrag = ufrag(ann.lastRemoteDescription());
        long rtpInBefore = ann.peer().stats().rtpIn();

        ann.restartIce();
        await("the restart's ICE connected and took over", LIMIT,
                () -> !ann.peer().iceRestartPending() && oldIce.state() == IceTransport.State.CLOSED,
                () -> "restart pending " + ann.peer().iceRestartPending() + ", old " + oldIce.state() + ", new "
                        + ann.peer().ice().state() + ", events " + ann.events());
        IceTransport newIce = ann.peer().ice();
        assertNotEquals(oldPort, newIce.localCandidates().get(0).port(), "a new client port: a new path");
        assertEquals(IceTransport.State.CONNECTED, newIce.state());
        assertNotEquals(oldServerUfrag, ufrag(ann.lastRemoteDescription()), "the server answered new credentials");

        long annFromBob = packetsFrom(ann, bob.id(), "video");
        long bobFromAnn = packetsFrom(bob, ann.id(), "video");
        await("media flows both ways on the new path", LIMIT, () -> packetsFrom(bob, ann.id(), "video")
                > bobFromAnn + 20 && packetsFrom(ann, bob.id(), "video") > annFromBob + 20);
        assertEquals(MediaTransport.State.CONNECTED, ann.peer().state(), "the same DTLS association");
        assertTrue(ann.peer().stats().rtpIn() > rtpInBefore + 20, "the same SRTP contexts decrypt");
        assertEquals(0, ann.peer().stats().dropped(io.junction.transport.DropReason.SRTP_AUTH));
        assertEquals(2, room.engine.room("r").orElseThrow().participants().size());
        assertEquals(0, room.engine.halfOpenTransports());
    }

    private static String ufrag(SessionDescription d) {
        return d.iceUfrag() != null ? d.iceUfrag() : d.media().get(0).iceUfrag();
    }
}
