package io.junction.sctp.assoc;

import io.junction.sctp.chunk.Bytes;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.random.RandomGenerator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The State Cookie (RFC 9260 §5.1.3): everything needed to create the association later, plus
 * its creation time, signed with HMAC-SHA256 under a per-association secret key, so the
 * INIT ACK side keeps no state until a valid COOKIE ECHO (§5.1.5) arrives.
 *
 * <p>Layout (36 bytes + 32-byte MAC): created ms (8), local tag, peer tag, local initial TSN,
 * peer initial TSN, peer a_rwnd (4 each), peer OS, peer MIS (2 each), extension flags (1), 3 zero.
 */
final class CookieJar {
    static final int BODY = 36;
    static final int LENGTH = BODY + 32;
    static final int FLAG_FORWARD_TSN = 1;
    static final int FLAG_RECONFIG = 2;

    /** The contents of a valid cookie. */
    record Contents(long createdMs, long localTag, long peerTag, long localTsn, long peerTsn, long peerArwnd,
                    int peerOs, int peerMis, int flags) {
    }

    enum Verdict { OK, MALFORMED, FORGED, STALE }

    private final Mac mac;
    private final long lifetimeMs;
    private final byte[] sig = new byte[32];

    CookieJar(RandomGenerator random, long lifetimeMs) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
        this.lifetimeMs = lifetimeMs;
    }

    /** Writes a signed cookie at {@code at}; returns {@link #LENGTH}. */
    int write(byte[] b, int at, Contents c) {
        long t = c.createdMs();
        Bytes.put32(b, at, t >>> 32);
        Bytes.put32(b, at + 4, t);
        Bytes.put32(b, at + 8, c.localTag());
        Bytes.put32(b, at + 12, c.peerTag());
        Bytes.put32(b, at + 16, c.localTsn());
        Bytes.put32(b, at + 20, c.peerTsn());
        Bytes.put32(b, at + 24, c.peerArwnd());
        Bytes.put16(b, at + 28, c.peerOs());
        Bytes.put16(b, at + 30, c.peerMis());
        Bytes.put32(b, at + 32, (long) c.flags() << 24);
        mac.update(b, at, BODY);
        try {
            mac.doFinal(b, at + BODY);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return LENGTH;
    }

    /** Checks the MAC, then the age (§5.1.5 steps 1-3). */
    Verdict verify(byte[] b, int at, int len, long nowMs) {
        if (len != LENGTH) {
            return Verdict.MALFORMED;
        }
        mac.update(b, at, BODY);
        try {
            mac.doFinal(sig, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        byte[] given = java.util.Arrays.copyOfRange(b, at + BODY, at + LENGTH);
        if (!MessageDigest.isEqual(sig, given)) {
            return Verdict.FORGED;
        }
        return nowMs - read(b, at).createdMs() > lifetimeMs ? Verdict.STALE : Verdict.OK;
    }

    /** How far past its lifetime a cookie is, in ms. */
    long staleness(byte[] b, int at, long nowMs) {
        return Math.max(0, nowMs - read(b, at).createdMs() - lifetimeMs);
    }

    static Contents read(byte[] b, int at) {
        long t = Bytes.u32(b, at) << 32 | Bytes.u32(b, at + 4);
        return new Contents(t, Bytes.u32(b, at + 8), Bytes.u32(b, at + 12), Bytes.u32(b, at + 16),
                Bytes.u32(b, at + 20), Bytes.u32(b, at + 24), Bytes.u16(b, at + 28), Bytes.u16(b, at + 30),
                Bytes.u8(b, at + 32));
    }
}
