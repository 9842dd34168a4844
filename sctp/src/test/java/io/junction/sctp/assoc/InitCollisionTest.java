package io.junction.sctp.assoc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.junction.sctp.chunk.ChunkType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Crossing INITs (RFC 9260 §5.2.1, §5.2.4) when the server is the DTLS client: the browser (B)
 * sends INIT as soon as DTLS is up, the server (A) sends its own when it learns DTLS is up, which
 * may be before or after the other's INIT reached it. Every order of the first handshake steps —
 * each in-flight packet delivered in any order, each side's connect at any point — is replayed on a manual
 * clock; then the link runs in order with timers, and both sides must be established with
 * matching tags (a message gets through each way) well before the handshake gives up.
 */
class InitCollisionTest {
    /** Orders explored: every interleaving of this many first steps. */
    private static final int DEPTH = 9;

    /** One replay of a choice sequence. */
    private static final class Run {
        long now = 5_000;
        final Association a;
        final Association b;
        final Recorder ra = new Recorder();
        final Recorder rb = new Recorder();
        /** Packets in flight: {toB ? 1 : 0, bytes...}. */
        final List<byte[]> toA = new ArrayList<>();
        final List<byte[]> toB = new ArrayList<>();
        final List<String> trace = new ArrayList<>();
        boolean aConnected;
        boolean bConnected;

        Run(long seed) {
            a = new Association(AssociationOptions.DEFAULTS, () -> now, new SplittableRandom(seed),
                    (p, off, len) -> toB.add(Arrays.copyOfRange(p, off, off + len)));
            b = new Association(AssociationOptions.DEFAULTS, () -> now, new SplittableRandom(seed + 1),
                    (p, off, len) -> toA.add(Arrays.copyOfRange(p, off, off + len)));
            a.setListener(ra);
            b.setListener(rb);
        }

        /** The choices now: 0 = A connects, 1 = B connects (each once), then 2.. = a packet in flight. */
        int choices() {
            return 2 + toA.size() + toB.size();
        }

        /** Applies choice {@code c}; false when it is not applicable (A already connected). */
        boolean step(int c) {
            now += 1;
            if (c == 0) {
                if (aConnected) {
                    return false;
                }
                aConnected = true;
                if (a.state() == State.CLOSED) {
                    a.connect();
                }
                trace.add("A connect");
                return true;
            }
            if (c == 1) {
                if (bConnected) {
                    return false;
                }
                bConnected = true;
                if (b.state() == State.CLOSED) {
                    b.connect(); // the browser sends INIT once DTLS is up
                }
                trace.add("B connect");
                return true;
            }
            c -= 2;
            if (c < toA.size()) {
                byte[] p = toA.remove(c);
                trace.add("A<-" + name(p));
                a.receive(p, 0, p.length);
            } else {
                byte[] p = toB.remove(c - toA.size());
                trace.add("B<-" + name(p));
                b.receive(p, 0, p.length);
            }
            return true;
        }

        /** After the explored prefix: A connects if it has not, then the link runs in order with timers. */
        void finish() {
            if (!aConnected) {
                step(0);
            }
            if (!bConnected) {
                step(1);
            }
            long end = now + 30_000;
            while (now < end && !(ra.established && rb.established && ra.messages.size() == 1
                    && rb.messages.size() == 1)) {
                if (ra.established && rb.established && ra.messages.isEmpty() && rb.messages.isEmpty()
                        && a.bufferedAmount() == 0 && b.bufferedAmount() == 0) {
                    a.send(0, 53, new byte[] {1}, 0, 1, SendOptions.RELIABLE_ORDERED);
                    b.send(1, 53, new byte[] {2}, 0, 1, SendOptions.RELIABLE_ORDERED);
                }
                if (!toA.isEmpty() || !toB.isEmpty()) {
                    now += 10;
                    step(2); // oldest packet toward A first, else toward B
                    continue;
                }
                long next = Math.min(a.nextTimeout(), b.nextTimeout());
                if (next == Long.MAX_VALUE || next > end) {
                    break;
                }
                now = Math.max(now, next);
                if (a.nextTimeout() <= now) {
                    a.handleTimeout();
                }
                if (b.nextTimeout() <= now) {
                    b.handleTimeout();
                }
            }
        }

        String describe() {
            return String.join(", ", trace) + " | A " + a.state() + " " + a.stats() + " | B " + b.state() + " "
                    + b.stats();
        }
    }

    private static String name(byte[] p) {
        int t = p[12] & 0xFF;
        return switch (t) {
            case ChunkType.INIT -> "INIT";
            case ChunkType.INIT_ACK -> "INIT ACK";
            case ChunkType.COOKIE_ECHO -> "COOKIE ECHO";
            case ChunkType.COOKIE_ACK -> "COOKIE ACK";
            default -> "chunk " + t;
        };
    }

    /** Replays {@code choices}; null when a choice does not apply (the order does not exist). */
    private static Run replay(long seed, int[] choices, int n) {
        Run r = new Run(seed);
        for (int i = 0; i < n; i++) {
            if (choices[i] >= r.choices() || !r.step(choices[i])) {
                return null;
            }
        }
        return r;
    }

    @Test
    void everyOrderOfCrossingInitsEstablishesBothSides() {
        List<String> failures = new ArrayList<>();
        int[] explored = {0};
        explore(new int[DEPTH], 0, failures, explored);
        assertTrue(explored[0] >= 164, "orders explored: " + explored[0]);
        assertEquals(List.of(), failures.subList(0, Math.min(5, failures.size())),
                failures.size() + " of " + explored[0] + " orders stall");
    }

    private void explore(int[] choices, int depth, List<String> failures, int[] explored) {
        Run r = replay(7, choices, depth);
        if (r == null) {
            return;
        }
        if (depth == DEPTH || r.choices() == 2 && r.aConnected && r.bConnected) {
            explored[0]++;
            r.finish();
            if (!(r.ra.established && r.rb.established && r.ra.messages.size() == 1 && r.rb.messages.size() == 1)) {
                failures.add(r.describe());
            }
            return;
        }
        for (int c = 0; c < r.choices(); c++) {
            choices[depth] = c;
            explore(choices, depth + 1, failures, explored);
        }
    }

    /** The order that stalled: B answers A's INIT while in COOKIE-ECHOED before A's COOKIE ECHO arrives. */
    @Test
    void cookieEchoedSideAdoptsThePeerTagFromTheCrossingCookie() {
        Run r = new Run(11);
        r.step(1);
        byte[] bInit = r.toA.remove(0);
        r.a.receive(bInit, 0, bInit.length);     // A, not started: stateless INIT ACK with a tag A forgets
        r.a.connect();                           // A's own INIT, another tag
        assertEquals(2, r.toB.size());
        byte[] statelessAck = r.toB.remove(0);
        r.b.receive(statelessAck, 0, statelessAck.length); // B: COOKIE-ECHOED toward the forgotten tag
        assertEquals(State.COOKIE_ECHOED, r.b.state());
        byte[] aInit = r.toB.remove(0);
        r.b.receive(aInit, 0, aInit.length);     // B answers A's INIT (same tag as its own, §5.2.1)
        byte[] bEcho = r.toA.remove(0);          // B's COOKIE ECHO for the forgotten tag
        byte[] bAck = r.toA.remove(0);           // B's INIT ACK to A's INIT
        assertEquals("COOKIE ECHO", name(bEcho));
        assertEquals("INIT ACK", name(bAck));
        r.a.receive(bAck, 0, bAck.length);       // A: COOKIE-ECHOED with B's real tag
        r.a.receive(bEcho, 0, bEcho.length);     // §5.2.4 C: the late cookie is discarded
        assertEquals(State.COOKIE_ECHOED, r.a.state());
        byte[] aEcho = r.toB.remove(0);
        r.b.receive(aEcho, 0, aEcho.length);     // §5.2.4 B: B adopts A's tag from the cookie
        assertEquals(State.ESTABLISHED, r.b.state());
        byte[] cookieAck = r.toA.remove(r.toA.size() - 1);
        r.a.receive(cookieAck, 0, cookieAck.length);
        assertEquals(State.ESTABLISHED, r.a.state(), r.describe());
        r.aConnected = true;
        r.finish();
        assertEquals(1, r.ra.messages.size(), r.describe());
        assertEquals(1, r.rb.messages.size(), r.describe());
    }
}
