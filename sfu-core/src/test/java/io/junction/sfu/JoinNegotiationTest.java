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
 * An sfu join in one offer/answer exchange (PROTOCOL.md "Join in one exchange (1.5)") and the
 * crossing of a client's offer with the server's, at the negotiation level: real engine and room
 * loop, SDP in and out through {@link MediaSession} and {@link NegotiationSink}, no media. A
 * negotiation step runs on the room loop and {@code onClientNegotiation} returns when it is done, so
 * everything a step sends is in the participant's queue when the call returns.
 */
class JoinNegotiationTest {
    private static final String PUBLISH = load("chrome-offer.sdp"); // sendrecv audio + video
    private static final String RECEIVE = load("chrome-recvonly-offer.sdp"); // recvonly audio + video

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
    void anOfferWithReceiveSectionsGetsTheRoomsTracksInTheAnswerAndNoServerOffer() throws Exception {
        Peer ann = join("ann", Reception.STANDARD);
        ann.session.onClientNegotiation(new Negotiation.Offer(PUBLISH));
        assertInstanceOf(Negotiation.Answer.class, ann.next());

        Peer bob = join("bob", Reception.CLIENT_OFFERS_FIRST);
        bob.session.onClientNegotiation(new Negotiation.Offer(RECEIVE));
        String answer = ((Negotiation.Answer) bob.next()).sdp();
        assertEquals(2, count(answer, "a=sendonly"), answer);
        assertEquals(2, count(answer, "a=msid:ann "), "ann's audio and video, labelled with her id: " + answer);
        assertNull(bob.poll(), "everything bob receives came in the answer: no server offer follows it");
    }

    @Test
    void aClientThatOffersFirstGetsNoServerOfferBeforeItsOfferAndAStandardOneDoes() throws Exception {
        Peer bob = join("bob", Reception.CLIENT_OFFERS_FIRST);
        Peer carl = join("carl", Reception.STANDARD); // after bob: same tick, later in the room's order
        Peer ann = join("ann", Reception.STANDARD);
        ann.session.onClientNegotiation(new Negotiation.Offer(PUBLISH));
        assertInstanceOf(Negotiation.Answer.class, ann.next());

        // carl has not offered: after the initial grace the server offers him ann's tracks.
        Negotiation toCarl = carl.next(5 * ServerNegotiator.INITIAL_OFFER_GRACE_MS);
        assertInstanceOf(Negotiation.Offer.class, toCarl);
        assertNull(bob.poll(), "bob said offerFirst: no server offer while it has not offered");

        // carl's own offer now crosses the server's: ignored, no answer (the client is polite)
        carl.session.onClientNegotiation(new Negotiation.Offer(PUBLISH));
        assertNull(carl.poll(), "a crossing client offer is not answered");

        bob.session.onClientNegotiation(new Negotiation.Offer(RECEIVE));
        String answer = ((Negotiation.Answer) bob.next()).sdp();
        assertEquals(2, count(answer, "a=msid:ann "), answer);
        assertNull(bob.poll());
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
        try (InputStream in = JoinNegotiationTest.class.getResourceAsStream("/sdp/" + name)) {
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

        /** What is queued now, candidates skipped; null when nothing. */
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
