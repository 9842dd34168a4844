package io.junction.transport;

import static io.junction.transport.Peers.RTP_LEN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.junction.dtls.DtlsCertificate;
import io.junction.ice.IceConfig;
import io.junction.ice.IcePort;
import io.junction.srtp.SrtpProfile;
import io.junction.transport.Peers.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class MediaTransportLoopbackTest {
    static IcePort port;
    static ExecutorService hs;

    @BeforeAll
    static void setUp() {
        io.junction.srtp.SrtpSession.warmUp();
        port = new IcePort(IceConfig.builder().bindAddress("127.0.0.1").port(0)
                .announcedAddresses(List.of("127.0.0.1")).build());
        AtomicInteger n = new AtomicInteger();
        hs = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "junction-test-dtls-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @AfterAll
    static void tearDown() {
        port.close();
        hs.shutdownNow();
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rtpAndRtcpRoundTripAcrossSequenceWrapWithEachProfile(SrtpProfile profile) throws Exception {
        Pair p = Peers.connect(port, hs, List.of(profile), null);
        try {
            p.clientEvents().connected.get(15, TimeUnit.SECONDS);
            p.serverEvents().connected.get(15, TimeUnit.SECONDS);
            assertEquals(MediaTransport.State.CONNECTED, p.server().state());
            for (int seq : new int[] {65534, 65535, 0, 1}) {
                byte[] pkt = Peers.rtp(seq, 0x1234_5678L, seq & 0xFF);
                byte[] plain = Peers.copy(pkt, 0, RTP_LEN);
                p.client().sendRtp(pkt, 0, RTP_LEN);
                byte[] atServer = p.serverEvents().rtp.poll(5, TimeUnit.SECONDS);
                assertArrayEquals(plain, atServer, "server got seq " + seq);
                byte[] echoed = p.clientEvents().rtp.poll(5, TimeUnit.SECONDS);
                assertArrayEquals(plain, echoed, "client got echo of seq " + seq);
            }
            byte[] rr = Peers.rtcpRr(0x1234_5678L);
            byte[] rrPlain = Peers.copy(rr, 0, 8);
            p.client().sendRtcp(rr, 0, 8);
            assertArrayEquals(rrPlain, p.serverEvents().rtcp.poll(5, TimeUnit.SECONDS));
            assertArrayEquals(rrPlain, p.clientEvents().rtcp.poll(5, TimeUnit.SECONDS));
            assertEquals(4, p.server().stats().rtpIn());
            assertEquals(1, p.server().stats().rtcpIn());
        } finally {
            p.close();
        }
    }

    @Test
    void fiftyConcurrentPeersOnOnePortStayIsolated() throws Exception {
        List<Pair> pairs = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                pairs.add(Peers.connect(port, hs, io.junction.dtls.DtlsTransport.DEFAULT_PROFILES, null));
            }
            for (Pair p : pairs) {
                p.clientEvents().connected.get(30, TimeUnit.SECONDS);
                p.serverEvents().connected.get(30, TimeUnit.SECONDS);
            }
            for (int i = 0; i < pairs.size(); i++) {
                for (int k = 0; k < 3; k++) {
                    byte[] pkt = Peers.rtp(k, 1000 + i, i);
                    pairs.get(i).client().sendRtp(pkt, 0, RTP_LEN);
                }
            }
            for (int i = 0; i < pairs.size(); i++) {
                for (int k = 0; k < 3; k++) {
                    byte[] echo = pairs.get(i).clientEvents().rtp.poll(10, TimeUnit.SECONDS);
                    assertNotNull(echo, "peer " + i + " echo " + k);
                    assertEquals(1000 + i, Peers.ssrc(echo), "peer " + i + " got another peer's packet");
                }
            }
            for (Pair p : pairs) {
                assertNull(p.clientEvents().rtp.poll(), "no extra packets");
            }
        } finally {
            pairs.forEach(Pair::close);
        }
    }

    @Test
    void fingerprintMismatchRejectsTheHandshake() throws Exception {
        DtlsCertificate other = DtlsCertificate.generate();
        Pair p = Peers.connect(port, hs, io.junction.dtls.DtlsTransport.DEFAULT_PROFILES, other.fingerprint());
        try {
            String reason = p.clientEvents().failed.get(15, TimeUnit.SECONDS);
            assertTrue(reason.contains("fingerprint"), reason);
            assertEquals(MediaTransport.State.FAILED, p.client().state());
            assertTrue(!p.clientEvents().connected.isDone());
            // the server sees the client's alert (or its own timeout) and fails too
            String serverReason = p.serverEvents().failed.get(15, TimeUnit.SECONDS);
            assertTrue(serverReason.startsWith("DTLS") || serverReason.startsWith("ICE"), serverReason);
            assertEquals(MediaTransport.State.FAILED, p.server().state());
        } finally {
            p.close();
        }
    }
}
