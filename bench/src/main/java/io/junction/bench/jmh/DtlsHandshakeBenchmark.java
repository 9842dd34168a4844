package io.junction.bench.jmh;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.junction.dtls.DatagramSender;
import io.junction.dtls.DtlsCertificate;
import io.junction.dtls.DtlsListener;
import io.junction.dtls.DtlsRole;
import io.junction.dtls.DtlsTransport;
import io.junction.srtp.SrtpKeyingMaterial;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A full DTLS 1.2 + use_srtp handshake (ECDHE-ECDSA P-256, mutual certificates, key export)
 * between a client and a server transport over an in-memory pipe, one per op. Certificates are
 * generated once per trial, as a server does at start-up.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DtlsHandshakeBenchmark {
    private DtlsCertificate clientCert;
    private DtlsCertificate serverCert;
    private ExecutorService handshakePool;
    private ExecutorService toServer;
    private ExecutorService toClient;

    @Setup(Level.Trial)
    public void setUp() {
        clientCert = DtlsCertificate.generate();
        serverCert = DtlsCertificate.generate();
        handshakePool = Executors.newFixedThreadPool(2);
        toServer = Executors.newSingleThreadExecutor();
        toClient = Executors.newSingleThreadExecutor();
    }

    @Benchmark
    public SrtpKeyingMaterial handshake() throws Exception {
        Outcome clientDone = new Outcome();
        Outcome serverDone = new Outcome();
        DtlsTransport[] ends = new DtlsTransport[2];
        Duration timeout = Duration.ofSeconds(30);
        ends[0] = new DtlsTransport(DtlsRole.CLIENT, clientCert, serverCert.fingerprint(),
            lane(toServer, ends, 1), clientDone, handshakePool, timeout);
        ends[1] = new DtlsTransport(DtlsRole.SERVER, serverCert, clientCert.fingerprint(),
            lane(toClient, ends, 0), serverDone, handshakePool, timeout);
        ends[1].start();
        ends[0].start();
        try {
            serverDone.keys.get(30, TimeUnit.SECONDS);
            return clientDone.keys.get(30, TimeUnit.SECONDS);
        } finally {
            ends[0].close();
            ends[1].close();
        }
    }

    private static DatagramSender lane(ExecutorService lane, DtlsTransport[] ends, int target) {
        return (buf, off, len) -> {
            byte[] copy = java.util.Arrays.copyOfRange(buf, off, off + len);
            lane.execute(() -> ends[target].receive(copy, 0, copy.length));
        };
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        for (ExecutorService e : new ExecutorService[] {handshakePool, toServer, toClient}) {
            e.shutdownNow();
            e.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static final class Outcome implements DtlsListener {
        final CompletableFuture<SrtpKeyingMaterial> keys = new CompletableFuture<>();

        @Override
        public void onHandshakeComplete(SrtpKeyingMaterial k) {
            keys.complete(k);
        }

        @Override
        public void onFailure(String reason) {
            keys.completeExceptionally(new IllegalStateException(reason));
        }

        @Override
        public void onClosed() {
        }
    }
}
