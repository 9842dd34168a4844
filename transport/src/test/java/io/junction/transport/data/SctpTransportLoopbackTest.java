package io.junction.transport.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.junction.dtls.DtlsCertificate;
import io.junction.dtls.DtlsRole;
import io.junction.ice.IceConfig;
import io.junction.ice.IcePort;
import io.junction.sctp.assoc.AssociationOptions;
import io.junction.sctp.dcep.ChannelOptions;
import io.junction.sctp.dcep.DataChannel;
import io.junction.srtp.SrtpSession;
import io.junction.transport.MediaTransport;
import io.junction.transport.client.ClientPeer;
import io.junction.dtls.DtlsTransport;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SCTP over DTLS application data between a server MediaTransport and a ClientPeer on loopback. */
class SctpTransportLoopbackTest {
    static IcePort port;
    static ExecutorService hs;

    @BeforeAll
    static void setUp() {
        SrtpSession.warmUp();
        port = new IcePort(IceConfig.builder().bindAddress("127.0.0.1").port(0)
                .announcedAddresses(List.of("127.0.0.1")).build());
        hs = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "junction-test-dtls");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterAll
    static void tearDown() {
        port.close();
        hs.shutdownNow();
    }

    /** A transport listener that hands application data to an SctpTransport and starts it on connect. */
    static final class Side implements MediaTransport.Listener {
        final ScheduledExecutorService owner = Executors.newSingleThreadScheduledExecutor();
        final CompletableFuture<Void> connected = new CompletableFuture<>();
        volatile SctpTransport sctp;

        void attach(SctpTransport s) {
            sctp = s;
            owner.scheduleAtFixedRate(() -> s.tick(System.currentTimeMillis()), 10, 10, TimeUnit.MILLISECONDS);
        }

        @Override
        public void onConnected() {
            connected.complete(null);
            owner.execute(() -> sctp.start());
        }

        @Override
        public void onFailed(String reason) {
            connected.completeExceptionally(new IllegalStateException(reason));
        }

        @Override
        public void onClosed() {
        }

        @Override
        public void onRtp(byte[] buf, int off, int len) {
        }

        @Override
        public void onRtcp(byte[] buf, int off, int len) {
        }

        @Override
        public boolean onApplicationData(byte[] buf, int off, int len) {
            return sctp.offer(buf, off, len);
        }
    }

    @Test
    void channelOpensAndEchoesTextAndBinaryUpTo256KiB() throws Exception {
        Side ce = new Side();
        Side se = new Side();
        DtlsCertificate serverCert = DtlsCertificate.generate();
        ClientPeer client = new ClientPeer("127.0.0.1", DtlsCertificate.generate(), DtlsRole.CLIENT, hs,
                Duration.ofSeconds(10), DtlsTransport.DEFAULT_PROFILES, ce);
        MediaTransport server = new MediaTransport(port::createServerTransport, serverCert, hs,
                Duration.ofSeconds(10), DtlsTransport.DEFAULT_PROFILES, se);
        AssociationOptions opt = AssociationOptions.DEFAULTS;
        opt = new AssociationOptions(opt.localPort(), opt.remotePort(), server.applicationDataLimit(),
                opt.maxMessageSize(), opt.sendBufferLimit(), opt.receiveBufferLimit(), opt.streams(),
                opt.rtoInitialMs(), opt.rtoMinMs(), opt.rtoMaxMs(), opt.maxInitRetransmits(),
                opt.maxAssociationRetransmits(), opt.delayedAckMs(), opt.heartbeatIntervalMs(), opt.cookieLifetimeMs());
        se.attach(new SctpTransport(opt, false, System::currentTimeMillis, new Random(1),
                server::sendApplicationData, se.owner));
        ce.attach(new SctpTransport(opt, true, System::currentTimeMillis, new Random(2),
                client::sendApplicationData, ce.owner));
        // The server echoes every message on the channel it was received on.
        se.owner.execute(() -> se.sctp.channels().onChannel(ch -> ch.setListener(new DataChannel.Listener() {
            @Override
            public void onText(DataChannel c, String text) {
                c.send("echo:" + text);
            }

            @Override
            public void onBinary(DataChannel c, byte[] data) {
                c.send(data);
            }
        })));
        LinkedBlockingQueue<Object> received = new LinkedBlockingQueue<>();
        CompletableFuture<DataChannel> open = new CompletableFuture<>();
        ce.owner.execute(() -> ce.sctp.channels().open("chat", ChannelOptions.RELIABLE, new DataChannel.Listener() {
            @Override
            public void onOpen(DataChannel ch) {
                open.complete(ch);
            }

            @Override
            public void onText(DataChannel ch, String text) {
                received.add(text);
            }

            @Override
            public void onBinary(DataChannel ch, byte[] data) {
                received.add(data);
            }
        }));
        server.ice().setRemoteCredentials(client.localCredentials());
        client.localCandidates().forEach(server.ice()::addRemoteCandidate);
        server.start(client.localFingerprint(), DtlsRole.SERVER);
        client.connect(server.ice().localCredentials(), server.ice().localCandidates(), serverCert.fingerprint());
        try {
            DataChannel ch = open.get(15, TimeUnit.SECONDS);
            ce.owner.submit(() -> ch.send("hello")).get(5, TimeUnit.SECONDS);
            assertEquals("echo:hello", received.poll(10, TimeUnit.SECONDS));
            for (int size : new int[] {1, 1200, 65536, 256 * 1024}) {
                byte[] data = new byte[size];
                new Random(size).nextBytes(data);
                ce.owner.submit(() -> ch.send(data)).get(5, TimeUnit.SECONDS);
                Object echo = received.poll(15, TimeUnit.SECONDS);
                assertTrue(echo instanceof byte[], "size " + size + ": " + echo);
                assertArrayEquals(data, (byte[]) echo, "size " + size);
            }
            assertEquals(0L, ce.owner.submit(() -> ce.sctp.inboundDropped()).get());
        } finally {
            client.close();
            server.close();
            ce.owner.shutdownNow();
            se.owner.shutdownNow();
        }
    }
}
