package io.junction.bench.jmh;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.junction.srtp.SrtpKeyingMaterial;
import io.junction.srtp.SrtpProfile;
import io.junction.srtp.SrtpSession;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * SRTP protect on one session plus unprotect on its peer, for a 1200-byte RTP packet
 * (12-byte header + 1188 payload), per profile. One op = one packet sent and received.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SrtpBenchmark {
    private static final int PACKET = 1200;

    @Param({"AEAD_AES_128_GCM", "AES128_CM_HMAC_SHA1_80"})
    public SrtpProfile profile;

    /**
     * jitsi-srtp's AES implementation: {@code auto} lets it time its candidates once at start-up (cold JIT)
     * and keep the fastest; {@code SunJCE} / {@code OpenSSL} force one (steady-state comparison).
     */
    @Param({"auto", "SunJCE", "OpenSSL"})
    public String aes;

    private SrtpSession sender;
    private SrtpSession receiver;
    private final byte[] plain = new byte[PACKET];
    private final byte[] buf = new byte[PACKET + SrtpSession.MAX_TRAILER];
    private int seq;

    @Setup(Level.Trial)
    public void setUp() {
        if (!"auto".equals(aes)) {
            org.jitsi.srtp.crypto.Aes.setFactoryClassName("org.jitsi.srtp.crypto.Aes$" + aes + "CipherFactory");
        }
        SrtpSession.warmUp();
        Random r = new Random(1);
        byte[] k1 = new byte[profile.masterKeyLength()];
        byte[] s1 = new byte[profile.masterSaltLength()];
        byte[] k2 = new byte[profile.masterKeyLength()];
        byte[] s2 = new byte[profile.masterSaltLength()];
        r.nextBytes(k1);
        r.nextBytes(s1);
        r.nextBytes(k2);
        r.nextBytes(s2);
        SrtpKeyingMaterial keys = new SrtpKeyingMaterial(profile, k1, s1, k2, s2);
        sender = new SrtpSession(keys);
        receiver = new SrtpSession(keys.reversed());
        r.nextBytes(plain);
        plain[0] = (byte) 0x80;
        plain[1] = 96;
        plain[8] = 0x12; plain[9] = 0x34; plain[10] = 0x56; plain[11] = 0x78;
    }

    @Benchmark
    public int protectAndUnprotect() {
        int s = seq++ & 0xFFFF;
        plain[2] = (byte) (s >> 8);
        plain[3] = (byte) s;
        System.arraycopy(plain, 0, buf, 0, PACKET);
        int n = sender.protectRtp(buf, 0, PACKET);
        int m = receiver.unprotectRtp(buf, 0, n);
        if (m != PACKET) {
            throw new IllegalStateException("round trip failed: " + n + "/" + m);
        }
        return m;
    }

    /** What the server does per forwarded packet: protect only (the copy stands in for the rewrite). */
    @Benchmark
    public int protectOnly() {
        int s = seq++ & 0xFFFF;
        plain[2] = (byte) (s >> 8);
        plain[3] = (byte) s;
        System.arraycopy(plain, 0, buf, 0, PACKET);
        return sender.protectRtp(buf, 0, PACKET);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        sender.close();
        receiver.close();
    }
}
