package io.junction.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.junction.srtp.SrtpKeyingMaterial;
import io.junction.srtp.SrtpProfile;
import io.junction.srtp.SrtpSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DtlsTransportTest {
    private static DtlsCertificate clientCert;
    private static DtlsCertificate serverCert;

    @BeforeAll
    static void certificates() {
        clientCert = DtlsCertificate.generate();
        serverCert = DtlsCertificate.generate();
        SrtpSession.warmUp();
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void handshakeYieldsMirroredKeysAndSrtpRoundTrip(SrtpProfile profile) throws Exception {
        try (DtlsPair pair = DtlsPair.matching(clientCert, serverCert, List.of(profile), DtlsTransport.DEFAULT_PROFILES)) {
            pair.start();
            SrtpKeyingMaterial c = pair.clientEvents.complete.get(10, TimeUnit.SECONDS);
            SrtpKeyingMaterial s = pair.serverEvents.complete.get(10, TimeUnit.SECONDS);
            assertEquals(profile, c.profile());
            assertEquals(profile, s.profile());
            assertArrayEquals(c.localMasterKey(), s.remoteMasterKey());
            assertArrayEquals(c.localMasterSalt(), s.remoteMasterSalt());
            assertArrayEquals(c.remoteMasterKey(), s.localMasterKey());
            assertArrayEquals(c.remoteMasterSalt(), s.localMasterSalt());
            assertEquals(DtlsTransport.State.CONNECTED, pair.client.state());
            assertEquals(DtlsTransport.State.CONNECTED, pair.server.state());

            try (SrtpSession tx = new SrtpSession(c); SrtpSession rx = new SrtpSession(s)) {
                byte[] buf = new byte[200 + SrtpSession.MAX_TRAILER];
                for (int seq : new int[] {65533, 65534, 65535, 0, 1, 2}) {
                    byte[] plain = rtp(seq, 0x11223344, 160);
                    System.arraycopy(plain, 0, buf, 0, plain.length);
                    int protectedLen = tx.protectRtp(buf, 0, plain.length);
                    assertEquals(plain.length + profile.rtpTrailerLength(), protectedLen);
                    int len = rx.unprotectRtp(buf, 0, protectedLen);
                    assertEquals(plain.length, len, "seq " + seq);
                    assertArrayEquals(plain, java.util.Arrays.copyOf(buf, len));
                }
                byte[] rtcp = {(byte) 0x81, (byte) 201, 0, 7, 0x11, 0x22, 0x33, 0x44, 1, 2, 3, 4, 5, 6, 7, 8,
                    9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32};
                System.arraycopy(rtcp, 0, buf, 0, rtcp.length);
                int p = tx.protectRtcp(buf, 0, rtcp.length);
                assertEquals(rtcp.length + profile.rtcpTrailerLength(), p);
                assertEquals(rtcp.length, rx.unprotectRtcp(buf, 0, p));
                assertArrayEquals(rtcp, java.util.Arrays.copyOf(buf, rtcp.length));
            }
        }
    }

    @Test
    void serverPrefersGcmWhenBothOffered() throws Exception {
        try (DtlsPair pair = DtlsPair.matching(clientCert, serverCert,
            List.of(SrtpProfile.AES128_CM_HMAC_SHA1_80, SrtpProfile.AEAD_AES_128_GCM), DtlsTransport.DEFAULT_PROFILES)) {
            pair.start();
            assertEquals(SrtpProfile.AEAD_AES_128_GCM, pair.clientEvents.complete.get(10, TimeUnit.SECONDS).profile());
        }
    }

    @Test
    void noCommonProfileFailsBothSides() throws Exception {
        try (DtlsPair pair = DtlsPair.matching(clientCert, serverCert, List.of(SrtpProfile.AES128_CM_HMAC_SHA1_80),
            List.of(SrtpProfile.AEAD_AES_128_GCM))) {
            pair.start();
            assertTrue(pair.serverEvents.failure.get(10, TimeUnit.SECONDS).contains("no common SRTP"));
            assertTrue(pair.clientEvents.failure.get(10, TimeUnit.SECONDS).contains("handshake_failure"));
        }
    }

    @Test
    void clientDetectsServerFingerprintMismatch() throws Exception {
        DtlsCertificate other = DtlsCertificate.generate();
        try (DtlsPair pair = new DtlsPair(clientCert, other.fingerprint(), serverCert, clientCert.fingerprint(),
            Duration.ofSeconds(3), DtlsTransport.DEFAULT_PROFILES, DtlsTransport.DEFAULT_PROFILES)) {
            pair.start();
            String reason = pair.clientEvents.failure.get(10, TimeUnit.SECONDS);
            assertTrue(reason.contains("fingerprint mismatch"), reason);
            assertEquals(DtlsTransport.State.FAILED, pair.client.state());
            String serverReason = pair.serverEvents.failure.get(10, TimeUnit.SECONDS);
            assertTrue(serverReason.contains("bad_certificate") || serverReason.contains("timeout"), serverReason);
            assertEquals(DtlsTransport.State.FAILED, pair.server.state());
            assertEquals(1, pair.clientEvents.calls.get());
            assertEquals(1, pair.serverEvents.calls.get());
        }
    }

    @Test
    void serverDetectsClientFingerprintMismatch() throws Exception {
        DtlsCertificate other = DtlsCertificate.generate();
        try (DtlsPair pair = new DtlsPair(clientCert, serverCert.fingerprint(), serverCert, other.fingerprint(),
            Duration.ofSeconds(3), DtlsTransport.DEFAULT_PROFILES, DtlsTransport.DEFAULT_PROFILES)) {
            pair.start();
            String reason = pair.serverEvents.failure.get(10, TimeUnit.SECONDS);
            assertTrue(reason.contains("fingerprint mismatch"), reason);
            assertEquals(DtlsTransport.State.FAILED, pair.server.state());
            String clientReason = pair.clientEvents.failure.get(10, TimeUnit.SECONDS);
            assertTrue(clientReason.contains("bad_certificate") || clientReason.contains("timeout"), clientReason);
            assertEquals(1, pair.clientEvents.calls.get());
        }
    }

    @Test
    void silentPeerTimesOut() throws Exception {
        try (DtlsPair pair = new DtlsPair(clientCert, serverCert.fingerprint(), serverCert, clientCert.fingerprint(),
            Duration.ofSeconds(2), DtlsTransport.DEFAULT_PROFILES, DtlsTransport.DEFAULT_PROFILES)) {
            pair.clientToServerFilter = d -> false; // the server never hears the client
            long t0 = System.nanoTime();
            pair.start();
            assertEquals("handshake timeout", pair.clientEvents.failure.get(10, TimeUnit.SECONDS));
            assertEquals("handshake timeout", pair.serverEvents.failure.get(10, TimeUnit.SECONDS));
            long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(elapsedMs >= 1900 && elapsedMs < 8000, "elapsed " + elapsedMs);
            assertEquals(DtlsTransport.State.FAILED, pair.client.state());
        }
    }

    @Test
    void lostFirstServerFlightIsRetransmitted() throws Exception {
        try (DtlsPair pair = DtlsPair.matching(clientCert, serverCert, DtlsTransport.DEFAULT_PROFILES,
            DtlsTransport.DEFAULT_PROFILES)) {
            java.util.concurrent.atomic.AtomicInteger dropped = new java.util.concurrent.atomic.AtomicInteger();
            pair.serverToClientFilter = d -> dropped.getAndIncrement() != 0; // lose the ServerHello datagram
            pair.start();
            pair.clientEvents.complete.get(10, TimeUnit.SECONDS);
            pair.serverEvents.complete.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void lostFinalServerFlightIsAnsweredAfterServerCompleted() throws Exception {
        try (DtlsPair pair = DtlsPair.matching(clientCert, serverCert, DtlsTransport.DEFAULT_PROFILES,
            DtlsTransport.DEFAULT_PROFILES)) {
            // Drop the server's first ChangeCipherSpec and epoch-1 Finished: the server is already
            // CONNECTED, so the client's retransmitted flight must be handled on the receive path.
            java.util.concurrent.atomic.AtomicInteger finalFlightDrops = new java.util.concurrent.atomic.AtomicInteger();
            pair.serverToClientFilter = d -> {
                boolean finalFlight = d[0] == 20 || (d[0] == 22 && d.length > 4 && d[3] == 0 && d[4] == 1);
                return !(finalFlight && finalFlightDrops.getAndIncrement() < 2);
            };
            pair.start();
            pair.serverEvents.complete.get(10, TimeUnit.SECONDS);
            SrtpKeyingMaterial c = pair.clientEvents.complete.get(10, TimeUnit.SECONDS);
            assertTrue(finalFlightDrops.get() > 2, "server resent its final flight");
            assertArrayEquals(c.localMasterKey(), pair.serverEvents.complete.get().remoteMasterKey());
            assertEquals(DtlsTransport.State.CONNECTED, pair.server.state());
        }
    }

    @Test
    void aDeadlineGivenAtStartEndsTheHandshakeBeforeTheTimeout() throws Exception {
        try (DtlsPair pair = new DtlsPair(clientCert, serverCert.fingerprint(), serverCert, clientCert.fingerprint(),
            Duration.ofSeconds(10), DtlsTransport.DEFAULT_PROFILES, DtlsTransport.DEFAULT_PROFILES)) {
            long t0 = System.nanoTime();
            pair.server.start(t0 + TimeUnit.MILLISECONDS.toNanos(1000)); // no client: the server waits
            assertEquals("handshake timeout", pair.serverEvents.failure.get(5, TimeUnit.SECONDS));
            long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(elapsedMs >= 950 && elapsedMs < 5000, "elapsed " + elapsedMs);
            assertEquals(DtlsTransport.State.FAILED, pair.server.state());
        }
    }

    @Test
    void aDeadlineLaterThanTheTimeoutIsCappedByIt() throws Exception {
        try (DtlsPair pair = new DtlsPair(clientCert, serverCert.fingerprint(), serverCert, clientCert.fingerprint(),
            Duration.ofSeconds(1), DtlsTransport.DEFAULT_PROFILES, DtlsTransport.DEFAULT_PROFILES)) {
            long t0 = System.nanoTime();
            pair.server.start(t0 + TimeUnit.MINUTES.toNanos(5));
            assertEquals("handshake timeout", pair.serverEvents.failure.get(5, TimeUnit.SECONDS));
            long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(elapsedMs >= 950 && elapsedMs < 5000, "elapsed " + elapsedMs);
        }
    }

    @Test
    void aDeadlineAlreadyPastFailsAtOnceWithoutUsingTheExecutor() {
        DtlsPair.RecordingListener l = new DtlsPair.RecordingListener();
        java.util.concurrent.atomic.AtomicInteger tasks = new java.util.concurrent.atomic.AtomicInteger();
        DtlsTransport t = new DtlsTransport(DtlsRole.SERVER, serverCert, clientCert.fingerprint(), (b, o, n) -> { },
            l, r -> tasks.incrementAndGet(), Duration.ofSeconds(10));
        t.start(System.nanoTime() - 1);
        assertEquals(DtlsTransport.State.FAILED, t.state());
        assertTrue(l.failure.getNow("none").startsWith("handshake timeout"), l.failure.getNow("none"));
        assertEquals(0, tasks.get());
        assertEquals(1, l.calls.get());
        assertThrows(IllegalStateException.class, () -> t.start(System.nanoTime() + 1_000_000_000L));
    }

    @Test
    void closeNotifyReachesPeer() throws Exception {
        try (DtlsPair pair = DtlsPair.matching(clientCert, serverCert, DtlsTransport.DEFAULT_PROFILES,
            DtlsTransport.DEFAULT_PROFILES)) {
            pair.start();
            pair.clientEvents.complete.get(10, TimeUnit.SECONDS);
            pair.serverEvents.complete.get(10, TimeUnit.SECONDS);
            pair.client.close();
            pair.serverEvents.closed.get(10, TimeUnit.SECONDS);
            assertEquals(DtlsTransport.State.CLOSED, pair.server.state());
            assertEquals(DtlsTransport.State.CLOSED, pair.client.state());
            pair.client.close(); // idempotent
            assertEquals(2, pair.serverEvents.calls.get());
            assertEquals(1, pair.clientEvents.calls.get());
        }
    }

    @Test
    void closeDuringHandshakeStopsWithoutCallback() throws Exception {
        try (DtlsPair pair = DtlsPair.matching(clientCert, serverCert, DtlsTransport.DEFAULT_PROFILES,
            DtlsTransport.DEFAULT_PROFILES)) {
            pair.server.start(); // no client: the server waits
            pair.server.close();
            assertEquals(DtlsTransport.State.CLOSED, pair.server.state());
            pair.handshakePool.shutdown();
            assertTrue(pair.handshakePool.awaitTermination(5, TimeUnit.SECONDS), "handshake task ended");
            assertEquals(0, pair.serverEvents.calls.get());
        }
    }

    @Test
    void applicationDataFlowsBothWaysAfterTheHandshake() throws Exception {
        try (DtlsPair pair = DtlsPair.matching(clientCert, serverCert, DtlsTransport.DEFAULT_PROFILES,
            DtlsTransport.DEFAULT_PROFILES)) {
            byte[] early = {1, 2, 3};
            assertEquals(false, pair.client.sendApplicationData(early, 0, early.length), "not connected yet");
            assertEquals(1, pair.client.applicationDataNotSent());
            pair.start();
            pair.clientEvents.complete.get(10, TimeUnit.SECONDS);
            pair.serverEvents.complete.get(10, TimeUnit.SECONDS);
            int limit = pair.client.applicationDataLimit();
            assertTrue(limit >= DtlsTransport.APPLICATION_DATA_FLOOR && limit < 1200, "limit " + limit);
            byte[] big = new byte[limit];
            for (int i = 0; i < big.length; i++) {
                big[i] = (byte) (i * 31);
            }
            assertTrue(pair.client.sendApplicationData(big, 0, big.length));
            assertArrayEquals(big, pair.serverEvents.applicationData.poll(10, TimeUnit.SECONDS));
            byte[] small = {9, 8, 7};
            assertTrue(pair.server.sendApplicationData(small, 0, small.length));
            assertArrayEquals(small, pair.clientEvents.applicationData.poll(10, TimeUnit.SECONDS));
            byte[] tooBig = new byte[limit + 1];
            assertEquals(false, pair.client.sendApplicationData(tooBig, 0, tooBig.length));
            assertEquals(2, pair.client.applicationDataNotSent());
        }
    }

    @Test
    void applicationDataNotTakenIsCounted() throws Exception {
        try (DtlsPair pair = DtlsPair.matching(clientCert, serverCert, DtlsTransport.DEFAULT_PROFILES,
            DtlsTransport.DEFAULT_PROFILES)) {
            pair.serverEvents.takeApplicationData = false;
            pair.start();
            pair.clientEvents.complete.get(10, TimeUnit.SECONDS);
            pair.serverEvents.complete.get(10, TimeUnit.SECONDS);
            byte[] d = {4, 5};
            assertTrue(pair.client.sendApplicationData(d, 0, d.length));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (pair.server.applicationDataDropped() == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(1, pair.server.applicationDataDropped());
        }
    }

    @Test
    void invalidOptionsAreRejected() {
        DtlsListener l = new DtlsPair.RecordingListener();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DtlsTransport(
            DtlsRole.CLIENT, clientCert, serverCert.fingerprint(), (b, o, n) -> { }, l, Runnable::run, Duration.ZERO));
        assertTrue(e.getMessage().contains("handshakeTimeout"));
        assertThrows(IllegalArgumentException.class, () -> new DtlsTransport(DtlsRole.CLIENT, clientCert,
            serverCert.fingerprint(), (b, o, n) -> { }, l, Runnable::run, Duration.ofSeconds(1), List.of()));
    }

    static byte[] rtp(int seq, int ssrc, int payload) {
        byte[] p = new byte[12 + payload];
        p[0] = (byte) 0x80;
        p[1] = 96;
        p[2] = (byte) (seq >> 8);
        p[3] = (byte) seq;
        p[4] = 0; p[5] = 0; p[6] = 0x10; p[7] = 0;
        p[8] = (byte) (ssrc >> 24); p[9] = (byte) (ssrc >> 16); p[10] = (byte) (ssrc >> 8); p[11] = (byte) ssrc;
        for (int i = 12; i < p.length; i++) {
            p[i] = (byte) (i * 7 + seq);
        }
        return p;
    }
}
