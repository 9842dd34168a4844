package io.junction.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SrtpSessionTest {
    private static final int SSRC = 0xCAFEBABE;

    @BeforeAll
    static void warm() {
        SrtpSession.warmUp();
    }

    static SrtpKeyingMaterial keys(SrtpProfile p, long seed) {
        Random r = new Random(seed);
        byte[] k1 = new byte[p.masterKeyLength()];
        byte[] s1 = new byte[p.masterSaltLength()];
        byte[] k2 = new byte[p.masterKeyLength()];
        byte[] s2 = new byte[p.masterSaltLength()];
        r.nextBytes(k1);
        r.nextBytes(s1);
        r.nextBytes(k2);
        r.nextBytes(s2);
        return new SrtpKeyingMaterial(p, k1, s1, k2, s2);
    }

    /** RTP packet with 2 CSRCs and a one-byte header extension (RFC 8285) of 1 word. */
    static byte[] rtp(int seq, int ssrc, int payload) {
        byte[] p = new byte[12 + 8 + 8 + payload];
        p[0] = (byte) 0x92; // V=2, X=1, CC=2
        p[1] = 111;
        p[2] = (byte) (seq >> 8);
        p[3] = (byte) seq;
        p[7] = 42;
        p[8] = (byte) (ssrc >> 24); p[9] = (byte) (ssrc >> 16); p[10] = (byte) (ssrc >> 8); p[11] = (byte) ssrc;
        p[20] = (byte) 0xBE; p[21] = (byte) 0xDE; p[22] = 0; p[23] = 1; // extension profile, 1 word
        p[24] = 0x10; p[25] = 0x55;
        for (int i = 28; i < p.length; i++) {
            p[i] = (byte) (i + seq);
        }
        return p;
    }

    static byte[] rtcp(int ssrc) {
        byte[] p = new byte[28];
        p[0] = (byte) 0x80; p[1] = (byte) 200; p[3] = 6;
        p[4] = (byte) (ssrc >> 24); p[5] = (byte) (ssrc >> 16); p[6] = (byte) (ssrc >> 8); p[7] = (byte) ssrc;
        for (int i = 8; i < p.length; i++) {
            p[i] = (byte) i;
        }
        return p;
    }

    /** Copies src into a fresh buffer at offset 7 with tailroom; returns the buffer. */
    static byte[] framed(byte[] src) {
        byte[] buf = new byte[7 + src.length + SrtpSession.MAX_TRAILER + 5];
        System.arraycopy(src, 0, buf, 7, src.length);
        return buf;
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void roundTripAtOffsetAcrossSequenceWrap(SrtpProfile profile) {
        SrtpKeyingMaterial k = keys(profile, 1);
        try (SrtpSession tx = new SrtpSession(k); SrtpSession rx = new SrtpSession(k.reversed())) {
            int[] seqs = {65530, 65531, 65532, 65533, 65534, 0, 1, 65535, 2, 3, 4, 5};
            for (int seq : seqs) {
                byte[] plain = rtp(seq, SSRC, 100);
                byte[] buf = framed(plain);
                int n = tx.protectRtp(buf, 7, plain.length);
                assertEquals(plain.length + profile.rtpTrailerLength(), n);
                assertTrue(!Arrays.equals(plain, Arrays.copyOfRange(buf, 7, 7 + plain.length)), "encrypted");
                int m = rx.unprotectRtp(buf, 7, n);
                assertEquals(plain.length, m, "seq " + seq);
                assertArrayEquals(plain, Arrays.copyOfRange(buf, 7, 7 + m), "seq " + seq);
            }
            assertEquals(seqs.length, tx.stats().protectedPackets());
            assertEquals(seqs.length, rx.stats().unprotectedPackets());
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rollOverCounterContinuesAfterWrap(SrtpProfile profile) {
        SrtpKeyingMaterial k = keys(profile, 2);
        try (SrtpSession tx = new SrtpSession(k); SrtpSession rx = new SrtpSession(k.reversed())) {
            // Two full wraps: the receiver must track ROC 0 → 1 → 2 to keep decrypting.
            for (int i = 0; i < 2 * 65536 + 10; i += 997) {
                byte[] plain = rtp(i & 0xFFFF, SSRC, 20);
                byte[] buf = framed(plain);
                int n = tx.protectRtp(buf, 7, plain.length);
                assertEquals(plain.length, rx.unprotectRtp(buf, 7, n), "packet " + i);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void tamperedTagAndPayloadFailAuthentication(SrtpProfile profile) {
        SrtpKeyingMaterial k = keys(profile, 3);
        try (SrtpSession tx = new SrtpSession(k); SrtpSession rx = new SrtpSession(k.reversed())) {
            byte[] plain = rtp(10, SSRC, 50);
            byte[] buf = framed(plain);
            int n = tx.protectRtp(buf, 7, plain.length);
            byte[] tagFlip = buf.clone();
            tagFlip[7 + n - 1] ^= 1;
            assertEquals(SrtpSession.AUTH_FAILED, rx.unprotectRtp(tagFlip, 7, n));
            byte[] bodyFlip = buf.clone();
            bodyFlip[7 + 40] ^= (byte) 0x80;
            assertEquals(SrtpSession.AUTH_FAILED, rx.unprotectRtp(bodyFlip, 7, n));
            assertEquals(2, rx.stats().authFailures());
            // The genuine packet still decrypts: failed packets did not advance the state.
            assertEquals(plain.length, rx.unprotectRtp(buf, 7, n));

            byte[] c = framed(rtcp(SSRC));
            int cn = tx.protectRtcp(c, 7, 28);
            c[7 + 12] ^= 4;
            assertEquals(SrtpSession.AUTH_FAILED, rx.unprotectRtcp(c, 7, cn));
            assertEquals(3, rx.stats().authFailures());
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void replayedPacketsAreRejected(SrtpProfile profile) {
        SrtpKeyingMaterial k = keys(profile, 4);
        try (SrtpSession tx = new SrtpSession(k); SrtpSession rx = new SrtpSession(k.reversed())) {
            byte[] plain = rtp(500, SSRC, 30);
            byte[] buf = framed(plain);
            int n = tx.protectRtp(buf, 7, plain.length);
            byte[] copy = buf.clone();
            assertEquals(plain.length, rx.unprotectRtp(buf, 7, n));
            assertEquals(SrtpSession.REPLAYED, rx.unprotectRtp(copy, 7, n));
            // Older than the 64-packet window.
            byte[] old = framed(rtp(100, SSRC, 30));
            int on = tx.protectRtp(old, 7, plain.length);
            assertEquals(SrtpSession.REPLAYED, rx.unprotectRtp(old, 7, on));

            byte[] c = framed(rtcp(SSRC));
            int cn = tx.protectRtcp(c, 7, 28);
            byte[] cCopy = c.clone();
            assertEquals(28, rx.unprotectRtcp(c, 7, cn));
            assertEquals(SrtpSession.REPLAYED, rx.unprotectRtcp(cCopy, 7, cn));
            assertEquals(3, rx.stats().replays());
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void truncatedPacketsNeverThrow(SrtpProfile profile) {
        SrtpKeyingMaterial k = keys(profile, 5);
        try (SrtpSession tx = new SrtpSession(k); SrtpSession rx = new SrtpSession(k.reversed())) {
            byte[] plain = rtp(7, SSRC, 40);
            byte[] buf = framed(plain);
            int n = tx.protectRtp(buf, 7, plain.length);
            int headerAndTag = 28 + profile.tagLength();
            for (int len = 0; len < n; len++) {
                int r = rx.unprotectRtp(buf.clone(), 7, len);
                assertTrue(r < 0, "length " + len + " gave " + r);
                if (len < headerAndTag) {
                    assertEquals(SrtpSession.INVALID, r, "length " + len);
                }
            }
            byte[] c = framed(rtcp(SSRC));
            int cn = tx.protectRtcp(c, 7, 28);
            for (int len = 0; len < cn; len++) {
                assertTrue(rx.unprotectRtcp(c.clone(), 7, len) < 0, "rtcp length " + len);
            }
            assertEquals(plain.length, rx.unprotectRtp(buf, 7, n), "intact packet still accepted");
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void garbageOfAllSmallLengthsIsRejectedWithoutException(SrtpProfile profile) {
        SrtpKeyingMaterial k = keys(profile, 6);
        Random r = new Random(42);
        try (SrtpSession s = new SrtpSession(k)) {
            for (int len = 0; len <= 96; len++) {
                for (int trial = 0; trial < 20; trial++) {
                    byte[] buf = new byte[len + SrtpSession.MAX_TRAILER];
                    r.nextBytes(buf);
                    if (trial % 2 == 0 && len > 0) {
                        buf[0] = (byte) (0x80 | (buf[0] & 0x3F)); // version 2 to reach deeper checks
                    }
                    assertTrue(s.unprotectRtp(buf.clone(), 0, len) < 0, "rtp len " + len);
                    assertTrue(s.unprotectRtcp(buf.clone(), 0, len) < 0, "rtcp len " + len);
                    s.protectRtp(buf.clone(), 0, len);   // must not throw; may succeed on valid-looking headers
                    s.protectRtcp(buf.clone(), 0, len);
                }
            }
        }
    }

    @Test
    void lyingHeadersBadBoundsAndMissingTailroomAreInvalid() {
        SrtpKeyingMaterial k = keys(SrtpProfile.AES128_CM_HMAC_SHA1_80, 7);
        try (SrtpSession s = new SrtpSession(k)) {
            byte[] csrcLie = rtp(1, SSRC, 0);
            csrcLie[0] = (byte) 0x9F; // CC=15 needs 72 header bytes
            assertEquals(SrtpSession.INVALID, s.protectRtp(framed(csrcLie), 7, csrcLie.length));
            byte[] extLie = rtp(1, SSRC, 4);
            extLie[22] = (byte) 0xFF; // extension length 0xFF01 words
            assertEquals(SrtpSession.INVALID, s.protectRtp(framed(extLie), 7, extLie.length));
            byte[] badVersion = rtp(1, SSRC, 4);
            badVersion[0] = 0x12;
            assertEquals(SrtpSession.INVALID, s.protectRtp(framed(badVersion), 7, badVersion.length));
            byte[] ok = rtp(1, SSRC, 4);
            assertEquals(SrtpSession.INVALID, s.protectRtp(ok, 0, ok.length), "no tailroom");
            assertEquals(SrtpSession.INVALID, s.protectRtp(framed(ok), -1, ok.length));
            assertEquals(SrtpSession.INVALID, s.protectRtp(framed(ok), 7, -5));
            assertEquals(SrtpSession.INVALID, s.unprotectRtp(new byte[10], 5, 10));
            assertEquals(SrtpSession.INVALID, s.unprotectRtp(null, 0, 0));
            assertEquals(SrtpSession.INVALID, s.protectRtcp(new byte[40], 0, 7));
            assertEquals(9, s.stats().invalid());
        }
    }

    @Test
    void ssrcBeyondTheLimitIsDroppedAndCounted() {
        SrtpKeyingMaterial k = keys(SrtpProfile.AEAD_AES_128_GCM, 8);
        try (SrtpSession tx = new SrtpSession(k, 2); SrtpSession rx = new SrtpSession(k.reversed(), 2)) {
            for (int ssrc = 1; ssrc <= 2; ssrc++) {
                byte[] plain = rtp(1, ssrc, 10);
                byte[] buf = framed(plain);
                assertEquals(plain.length, rx.unprotectRtp(buf, 7, tx.protectRtp(buf, 7, plain.length)));
            }
            byte[] third = framed(rtp(1, 3, 10));
            assertEquals(SrtpSession.SSRC_LIMIT, tx.protectRtp(third, 7, 38));
            assertEquals(1, tx.stats().ssrcLimitDrops());
        }
        // Forged packets of unknown SSRCs do not take receive slots.
        try (SrtpSession rx = new SrtpSession(k, 1)) {
            byte[] forged = framed(rtp(1, 77, 40));
            assertEquals(SrtpSession.AUTH_FAILED, rx.unprotectRtp(forged, 7, 68 + 16));
            try (SrtpSession tx = new SrtpSession(k.reversed())) {
                byte[] plain = rtp(1, 78, 10);
                byte[] buf = framed(plain);
                assertEquals(plain.length, rx.unprotectRtp(buf, 7, tx.protectRtp(buf, 7, plain.length)));
            }
        }
    }

    @Test
    void closedSessionRejects() {
        SrtpKeyingMaterial k = keys(SrtpProfile.AEAD_AES_128_GCM, 9);
        SrtpSession s = new SrtpSession(k);
        s.close();
        s.close();
        byte[] plain = rtp(1, SSRC, 10);
        assertEquals(SrtpSession.INVALID, s.protectRtp(framed(plain), 7, plain.length));
    }

    @Test
    void keyingMaterialSplitsByRole() {
        SrtpProfile p = SrtpProfile.AES128_CM_HMAC_SHA1_80;
        byte[] m = new byte[p.keyingMaterialLength()];
        for (int i = 0; i < m.length; i++) {
            m[i] = (byte) i;
        }
        SrtpKeyingMaterial client = SrtpKeyingMaterial.fromExporter(p, m, true);
        SrtpKeyingMaterial server = SrtpKeyingMaterial.fromExporter(p, m, false);
        assertArrayEquals(Arrays.copyOfRange(m, 0, 16), client.localMasterKey());
        assertArrayEquals(Arrays.copyOfRange(m, 16, 32), client.remoteMasterKey());
        assertArrayEquals(Arrays.copyOfRange(m, 32, 46), client.localMasterSalt());
        assertArrayEquals(Arrays.copyOfRange(m, 46, 60), client.remoteMasterSalt());
        assertArrayEquals(client.localMasterKey(), server.remoteMasterKey());
        assertArrayEquals(client.remoteMasterSalt(), server.localMasterSalt());
        assertEquals("SrtpKeyingMaterial[AES128_CM_HMAC_SHA1_80]", client.toString());
    }
}
