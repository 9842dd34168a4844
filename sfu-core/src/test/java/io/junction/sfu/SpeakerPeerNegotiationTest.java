package io.junction.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.junction.ice.IceConfig;
import io.junction.sfu.signal.MediaRights;
import io.junction.sfu.signal.MediaSession;
import io.junction.sfu.signal.Negotiation;
import io.junction.sfu.signal.Reception;
import io.junction.sfu.signal.TrackSelection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The server as a client's single peer ({@link TrackSelection#ACTIVE_SPEAKER}, answer-only), at
 * the negotiation level with the real engine and room loop: a classic client's sendrecv offer is
 * answered sendrecv on both sections with the speaker-following outputs in one MediaStream
 * ({@code junction-speaker}), its own tracks are published to the room (a WebSocket participant
 * is offered them), a re-offer keeps the outputs, and a WHEP-style recvonly offer gets the same
 * two outputs answered sendonly. No server offer ever goes to such a client.
 */
class SpeakerPeerNegotiationTest {
    private static final String PUBLISH = load("chrome-offer.sdp"); // sendrecv audio + video
    private static final String RECEIVE = load("chrome-recvonly-offer.sdp"); // recvonly audio + video
    private static final Reception SPEAKER = Reception.answerOnly(TrackSelection.ACTIVE_SPEAKER);

    private SfuEngine engine;

    @BeforeEach
    void start() {
        IceConfig ice = IceConfig.builder().bindAddress("127.0.0.1").port(0).announcedAddresses(List.of("127.0.0.1"))
                .build();
        engine = new SfuEngine(SfuOptions.defaults(ice));
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void aClassicSendrecvOfferIsAnsweredSendrecvWithTheSpeakerStreamAndPublishesItsTracks() throws Exception {
        Peer ann = join("ann", Reception.STANDARD);
        ann.session.onClientNegotiation(new Negotiation.Offer(PUBLISH));
        assertInstanceOf(Negotiation.Answer.class, ann.next());

        Peer cat = join("cat", SPEAKER);
        cat.session.onClientNegotiation(new Negotiation.Offer(PUBLISH));
        String answer = ((Negotiation.Answer) cat.next()).sdp();
        assertEquals(2, count(answer, "a=sendrecv"), answer);
        assertEquals(2, count(answer, "a=msid:" + SpeakerFeeds.STREAM_ID + " "), "one MediaStream: " + answer);
        assertTrue(answer.contains("a=rtpmap:96 VP8/90000"), "VP8 at the client's payload type: " + answer);
        assertTrue(answer.contains("a=rtpmap:111 opus/48000/2"), answer);
        assertEquals(-1, answer.indexOf("H264"), "only the codec the output carries: " + answer);

        // cat's tracks are published like anyone's: ann is offered them
        String offer = ((Negotiation.Offer) ann.next(5 * ServerNegotiator.INITIAL_OFFER_GRACE_MS)).sdp();
        assertEquals(2, count(offer, "a=msid:cat "), offer);

        // a re-offer (same sections) keeps the outputs where they are
        cat.session.onClientNegotiation(new Negotiation.Offer(PUBLISH));
        String again = ((Negotiation.Answer) cat.next()).sdp();
        assertEquals(2, count(again, "a=sendrecv"), again);
        assertEquals(2, count(again, "a=msid:" + SpeakerFeeds.STREAM_ID + " "), again);
        assertEquals(ssrcs(answer), ssrcs(again), "the same output SSRCs");
        assertNull(cat.poll(), "no server offer to a client whose only peer is the server");
    }

    @Test
    void aRecvonlyOfferGetsTheTwoOutputsSendonly() throws Exception {
        Peer ann = join("ann", Reception.STANDARD);
        ann.session.onClientNegotiation(new Negotiation.Offer(PUBLISH));
        assertInstanceOf(Negotiation.Answer.class, ann.next());
        Peer viewer = join("viewer", SPEAKER);
        viewer.session.onClientNegotiation(new Negotiation.Offer(RECEIVE));
        String answer = ((Negotiation.Answer) viewer.next()).sdp();
        assertEquals(2, count(answer, "a=sendonly"), answer);
        assertEquals(2, count(answer, "a=msid:" + SpeakerFeeds.STREAM_ID + " "), answer);
    }

    @Test
    void theSpeakerIsChosenByDominanceThenByWhoIsCarriedThenByTheLatestTrack() {
        List<String[]> tracks = List.of(new String[] {"ann", "video"}, new String[] {"bob", "video"},
                new String[] {"cat", "video"}, new String[] {"bob", "audio"});
        // {self, dominant, current} -> expected publisher
        String[][] rows = {
            {"cat", "ann", null, "ann"},   // the dominant speaker
            {"cat", "cat", "ann", "ann"},  // self dominant: keep who is carried
            {"cat", "cat", null, "bob"},   // self dominant, nothing carried: the latest other track
            {"cat", null, null, "bob"},    // nobody dominant yet: the latest other track
            {"cat", "dan", "ann", "ann"},  // a dominant speaker without video: keep who is carried
            {"ann", "ann", null, "cat"},
        };
        for (String[] r : rows) {
            String[] chosen = SpeakerFeeds.choose(tracks, t -> t[0], t -> t[1].equals("video"), r[0], r[1], r[2]);
            assertEquals(r[3], chosen == null ? null : chosen[0], String.join(",", r[0], r[1], r[2]));
        }
        assertNull(SpeakerFeeds.choose(List.<String[]>of(new String[] {"cat", "video"}), t -> t[0], t -> true, "cat", null,
                null), "only its own track: nothing");
    }

    private static List<String> ssrcs(String sdp) {
        return sdp.lines().filter(l -> l.startsWith("a=ssrc:") && l.contains(" cname:")).toList();
    }

    private Peer join(String id, Reception reception) {
        Peer p = new Peer();
        p.session = engine.join("r", id, id, MediaRights.ALL, null, reception, p.received::add);
        return p;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private static String load(String name) {
        try (InputStream in = SpeakerPeerNegotiationTest.class.getResourceAsStream("/sdp/" + name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.replace("\r\n", "\n").replace("\n", "\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One participant: its session and what the server sent it (candidates left out). */
    private static final class Peer {
        final BlockingQueue<Negotiation> received = new LinkedBlockingQueue<>();
        MediaSession session;

        Negotiation next() throws InterruptedException {
            return next(5000);
        }

        Negotiation next(long timeoutMs) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            for (;;) {
                Negotiation n = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                assertTrue(n != null, "nothing received within " + timeoutMs + " ms");
                if (!(n instanceof Negotiation.Candidate)) {
                    return n;
                }
            }
        }

        Negotiation poll() {
            for (Negotiation n = received.poll(); n != null; n = received.poll()) {
                if (!(n instanceof Negotiation.Candidate)) {
                    return n;
                }
            }
            return null;
        }
    }
}
