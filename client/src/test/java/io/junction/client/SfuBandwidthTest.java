package io.junction.client;

import static io.junction.client.LoopbackRoom.await;
import static io.junction.client.LoopbackRoom.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.junction.rtp.RtpPacket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Send-side bandwidth estimation per subscriber over loopback with the real engine: a Java
 * publisher sends three simulcast layers (≈ 50 k, 200 k, 800 kbit/s), two Java subscribers
 * return transport-wide CC feedback ({@link TransportCcReceiver}). Both start on the top
 * layer; when one subscriber's downlink is limited to 450 kbit/s (a simulated drop-tail
 * bottleneck before its feedback), the server moves that subscriber to a lower layer while
 * the other keeps the top one; when the limit is lifted, the subscriber climbs back to the top
 * layer after the hold time.
 */
class SfuBandwidthTest {
    private static final List<ClientSdp.Layer> LAYERS = List.of(new ClientSdp.Layer("q", 0x1111_0001L, 0x1111_0002L),
            new ClientSdp.Layer("h", 0x2222_0001L, 0x2222_0002L), new ClientSdp.Layer("f", 0x3333_0001L, 0x3333_0002L));

    private LoopbackRoom room;

    /** What one subscriber got: packets per layer and the layer of the last video packet. */
    private static final class Seen {
        final AtomicLongArray perLayer = new AtomicLongArray(3);
        volatile int last = -1;
        volatile TransportCcReceiver twcc;

        void onRtp(ReceivedStream stream, RtpPacket p, long nanos) {
            TransportCcReceiver r = twcc;
            if (r != null && !r.onRtp(p, nanos)) {
                return; // dropped by the simulated bottleneck
            }
            if (stream == null || !stream.kind().equals("video")) {
                return;
            }
            SyntheticMedia.Body body = SyntheticMedia.check(p.array(), p.payloadOffset(), p.payloadLength(), true);
            if (body == null) {
                return; // a retransmission
            }
            for (int l = 0; l < 3; l++) {
                if (body.tag() == (int) LAYERS.get(l).ssrc()) {
                    perLayer.incrementAndGet(l);
                    last = l;
                }
            }
        }

        /** Packets of layer {@code l} from now on, as a supplier. */
        java.util.function.LongSupplier since(int l) {
            long base = perLayer.get(l);
            return () -> perLayer.get(l) - base;
        }

        String state() {
            TransportCcReceiver r = twcc;
            return "last layer " + last + ", per layer " + perLayer + (r == null ? ""
                    : ", feedbacks " + r.feedbacksSent() + ", dropped " + r.dropped() + ", unstamped " + r.unstamped());
        }
    }

    @BeforeEach
    void start() throws Exception {
        room = new LoopbackRoom();
    }

    @AfterEach
    void stop() {
        room.close();
    }

    @Test
    void aLimitedDownlinkMovesOnlyThatSubscriberDownAndLiftingItBringsTheTopLayerBack() throws Exception {
        SfuParticipantClient pub = room.joinSimulcast("bwe", "pub", LAYERS);
        connect(pub);
        SimulcastPump pump = SimulcastPump.start(pub, LAYERS, "c1", 30, 800_000, 60);
        Seen slow = new Seen();
        Seen fast = new Seen();
        try {
            SfuParticipantClient a = room.join("bwe", "slow", false);
            a.setRtpTap(slow::onRtp);
            SfuParticipantClient b = room.join("bwe", "fast", false);
            b.setRtpTap(fast::onRtp);
            connect(a);
            connect(b);
            slow.twcc = TransportCcReceiver.start(a, 200);
            fast.twcc = TransportCcReceiver.start(b, 200);
            var slowTop = slow.since(2);
            var fastTop = fast.since(2);
            await("both on the top layer", Duration.ofSeconds(20),
                    () -> slowTop.getAsLong() > 100 && fastTop.getAsLong() > 100 && slow.last == 2 && fast.last == 2,
                    () -> "slow: " + slow.state() + "; fast: " + fast.state());
            assertTrue(slow.twcc.feedbacksSent() > 0 && slow.twcc.unstamped() == 0,
                    "every packet toward the subscriber carries a transport-wide sequence number: " + slow.state());

            slow.twcc.setCapacity(450_000);
            long limitedAt = System.nanoTime();
            await("the limited subscriber below the top layer", Duration.ofSeconds(15),
                    () -> slow.last >= 0 && slow.last < 2, () -> "slow: " + slow.state());
            double downSeconds = (System.nanoTime() - limitedAt) / 1e9;
            var slowMid = slow.since(1);
            var slowTopWhileLimited = slow.since(2);
            var fastTopWhileLimited = fast.since(2);
            await("the middle layer flowing (450 kbit/s carries it, not the top)", Duration.ofSeconds(15),
                    () -> slowMid.getAsLong() > 100, () -> "slow: " + slow.state());
            assertTrue(slowTopWhileLimited.getAsLong() < 10, "no top layer while limited: " + slow.state());
            assertEquals(2, fast.last, "the other subscriber keeps the top layer: " + fast.state());
            assertTrue(fastTopWhileLimited.getAsLong() > 60, "and keeps receiving it: " + fast.state());
            System.getLogger("bwe").log(System.Logger.Level.INFO, "down-switch " + downSeconds + " s after the limit");

            slow.twcc.setCapacity(0);
            long liftedAt = System.nanoTime();
            var slowTopAgain = slow.since(2);
            await("the top layer again after lifting the limit", Duration.ofSeconds(30),
                    () -> slowTopAgain.getAsLong() > 60 && slow.last == 2, () -> "slow: " + slow.state());
            System.getLogger("bwe").log(System.Logger.Level.INFO,
                    "up-switch " + (System.nanoTime() - liftedAt) / 1e9 + " s after lifting the limit");
            assertEquals(2, fast.last, "the other subscriber still on the top layer: " + fast.state());
        } finally {
            pump.close();
            if (slow.twcc != null) {
                slow.twcc.close();
            }
            if (fast.twcc != null) {
                fast.twcc.close();
            }
        }
    }
}
