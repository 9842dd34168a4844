package io.junction.dtls;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import io.junction.srtp.SrtpKeyingMaterial;
import io.junction.srtp.SrtpProfile;

/**
 * A DTLS client and server wired through an in-memory pipe. Each direction is delivered on its
 * own single thread (order preserved, no lock held across transports); a filter can drop datagrams.
 */
final class DtlsPair implements AutoCloseable {
    final ExecutorService handshakePool = Executors.newFixedThreadPool(2);
    final ExecutorService toServer = Executors.newSingleThreadExecutor();
    final ExecutorService toClient = Executors.newSingleThreadExecutor();
    final RecordingListener clientEvents = new RecordingListener();
    final RecordingListener serverEvents = new RecordingListener();
    volatile Predicate<byte[]> clientToServerFilter = d -> true;
    volatile Predicate<byte[]> serverToClientFilter = d -> true;
    final DtlsTransport client;
    final DtlsTransport server;

    DtlsPair(DtlsCertificate clientCert, Fingerprint clientExpects, DtlsCertificate serverCert,
             Fingerprint serverExpects, Duration timeout, List<SrtpProfile> clientOffers,
             List<SrtpProfile> serverAccepts) {
        DtlsTransport[] holder = new DtlsTransport[2];
        client = new DtlsTransport(DtlsRole.CLIENT, clientCert, clientExpects,
            (b, o, l) -> deliver(toServer, b, o, l, clientToServerFilter, () -> holder[1]),
            clientEvents, handshakePool, timeout, clientOffers);
        server = new DtlsTransport(DtlsRole.SERVER, serverCert, serverExpects,
            (b, o, l) -> deliver(toClient, b, o, l, serverToClientFilter, () -> holder[0]),
            serverEvents, handshakePool, timeout, serverAccepts);
        holder[0] = client;
        holder[1] = server;
    }

    static DtlsPair matching(DtlsCertificate c, DtlsCertificate s, List<SrtpProfile> clientOffers,
                             List<SrtpProfile> serverAccepts) {
        return new DtlsPair(c, s.fingerprint(), s, c.fingerprint(), Duration.ofSeconds(10), clientOffers,
            serverAccepts);
    }

    private static void deliver(ExecutorService lane, byte[] b, int o, int l, Predicate<byte[]> filter,
                                java.util.function.Supplier<DtlsTransport> target) {
        byte[] copy = java.util.Arrays.copyOfRange(b, o, o + l);
        if (!filter.test(copy)) {
            return;
        }
        if (!lane.isShutdown()) {
            try {
                lane.execute(() -> target.get().receive(copy, 0, copy.length));
            } catch (java.util.concurrent.RejectedExecutionException ignored) {
                // Pair is closing.
            }
        }
    }

    void start() {
        server.start();
        client.start();
    }

    @Override
    public void close() throws InterruptedException {
        client.close();
        server.close();
        for (ExecutorService e : List.of(toServer, toClient, handshakePool)) {
            e.shutdownNow();
            e.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** Records listener calls; futures complete on the first call of each kind. */
    static final class RecordingListener implements DtlsListener {
        final CompletableFuture<SrtpKeyingMaterial> complete = new CompletableFuture<>();
        final CompletableFuture<String> failure = new CompletableFuture<>();
        final CompletableFuture<Void> closed = new CompletableFuture<>();
        final AtomicInteger calls = new AtomicInteger();
        final java.util.concurrent.LinkedBlockingQueue<byte[]> applicationData =
            new java.util.concurrent.LinkedBlockingQueue<>();
        volatile boolean takeApplicationData = true;

        @Override
        public boolean onApplicationData(byte[] buf, int off, int len) {
            if (!takeApplicationData) {
                return false;
            }
            applicationData.add(java.util.Arrays.copyOfRange(buf, off, off + len));
            return true;
        }

        @Override
        public void onHandshakeComplete(SrtpKeyingMaterial keys) {
            calls.incrementAndGet();
            complete.complete(keys);
        }

        @Override
        public void onFailure(String reason) {
            calls.incrementAndGet();
            failure.complete(reason);
        }

        @Override
        public void onClosed() {
            calls.incrementAndGet();
            closed.complete(null);
        }
    }
}
