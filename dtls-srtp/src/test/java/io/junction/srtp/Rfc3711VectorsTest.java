package io.junction.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.jitsi.srtp.crypto.Aes;
import org.jitsi.srtp.crypto.SrtpCipherCtr;
import org.junit.jupiter.api.Test;

/**
 * RFC 3711 Appendix B test vectors.
 *
 * <p>B.2 runs through jitsi-srtp's own AES-CM cipher ({@link SrtpCipherCtr} over the backend its
 * {@link Aes} factory selects), the one its contexts use.
 *
 * <p>B.3: jitsi-srtp's key derivation class is not public. The test derives the session keys with
 * BouncyCastle's AES exactly as RFC 3711 §4.3.1/§4.3.3 specify and checks them against B.3; then it
 * protects an RTP packet with {@link SrtpSession} under the B.3 master key and salt
 * (AES128_CM_HMAC_SHA1_80) and checks, independently of jitsi-srtp, that the 80-bit tag is
 * HMAC-SHA1(derived auth key, packet || ROC) and that AES-CM with the derived cipher key and salt
 * (IV per §4.1.1) decrypts the payload. So jitsi's derivation and our policy mapping are both checked.
 */
class Rfc3711VectorsTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void appendixB2AesCmKeystream() throws Exception {
        byte[] key = HEX.parseHex("2b7e151628aed2a6abf7158809cf4f3c");
        SrtpCipherCtr ctr = new SrtpCipherCtr(Aes.createCipher("AES/CTR/NoPadding"));
        ctr.init(key, null);
        byte[] data = new byte[48];
        ctr.setIV(HEX.parseHex("f0f1f2f3f4f5f6f7f8f9fafbfcfd0000"), Cipher.ENCRYPT_MODE);
        ctr.process(data, 0, data.length);
        assertArrayEquals(HEX.parseHex("e03ead0935c95e80e166b16dd92b4eb4"
            + "d23513162b02d0f72a43a2fe4a5f97ab" + "41e95b3bb0a2e8dd477901e4fca894c0"), data);
        data = new byte[48];
        ctr.setIV(HEX.parseHex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff"), Cipher.ENCRYPT_MODE);
        ctr.process(data, 0, data.length);
        assertArrayEquals(HEX.parseHex("ec8cdf7398607cb0f2d21675ea9ea1e4"
            + "362b7c3c6773516318a077d7fc5073ae" + "6a2cc3787889374fbeb4c81b17ba6c44"), data);
    }

    private static final byte[] MASTER_KEY = HEX.parseHex("e1f97a0d3e018be0d64fa32c06de4139");
    private static final byte[] MASTER_SALT = HEX.parseHex("0ec675ad498afeebb6960b3aabe6");
    private static final byte[] CIPHER_KEY = HEX.parseHex("c61e7a93744f39ee10734afe3ff7a087");
    private static final byte[] CIPHER_SALT = HEX.parseHex("30cbbc08863d8c85d49db34a9ae1");
    private static final byte[] AUTH_KEY = HEX.parseHex("cebe321f6ff7716b6fd4ab49af256a156d38baa4");

    /** RFC 3711 §4.3.1 with key_derivation_rate 0: AES-CM(master key, (label·2^48 XOR salt)·2^16). */
    static byte[] derive(int label, int length) {
        byte[] iv = new byte[16];
        System.arraycopy(MASTER_SALT, 0, iv, 0, 14);
        iv[7] ^= (byte) label; // key_id = label || r(48 bits of 0), right-aligned in the 112-bit salt
        AESEngine aes = new AESEngine();
        aes.init(true, new KeyParameter(MASTER_KEY));
        byte[] out = new byte[length];
        byte[] block = new byte[16];
        for (int done = 0, counter = 0; done < length; done += 16, counter++) {
            iv[14] = (byte) (counter >> 8);
            iv[15] = (byte) counter;
            aes.processBlock(iv, 0, block, 0);
            System.arraycopy(block, 0, out, done, Math.min(16, length - done));
        }
        return out;
    }

    @Test
    void appendixB3KeyDerivation() {
        assertArrayEquals(CIPHER_KEY, derive(0x00, 16));
        assertArrayEquals(AUTH_KEY, derive(0x01, 20));
        assertArrayEquals(CIPHER_SALT, derive(0x02, 14));
    }

    @Test
    void srtpSessionUsesTheB3SessionKeys() throws Exception {
        SrtpKeyingMaterial keys = new SrtpKeyingMaterial(SrtpProfile.AES128_CM_HMAC_SHA1_80,
            MASTER_KEY, MASTER_SALT, new byte[16], new byte[14]);
        int seq = 0x1234;
        int ssrc = 0xDEADBEEF;
        byte[] plain = SrtpSessionTest.rtp(seq, ssrc, 64);
        byte[] buf = Arrays.copyOf(plain, plain.length + SrtpSession.MAX_TRAILER);
        int n;
        try (SrtpSession s = new SrtpSession(keys)) {
            n = s.protectRtp(buf, 0, plain.length);
        }
        assertEquals(plain.length + 10, n);

        // §4.2: tag = first 80 bits of HMAC-SHA1(k_a, authenticated portion || ROC), ROC = 0.
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(AUTH_KEY, "HmacSHA1"));
        mac.update(buf, 0, plain.length);
        mac.update(new byte[4]);
        assertArrayEquals(Arrays.copyOf(mac.doFinal(), 10), Arrays.copyOfRange(buf, plain.length, n));

        // §4.1.1: IV = (k_s·2^16) XOR (SSRC·2^64) XOR (index·2^16), index = ROC·2^16 + SEQ.
        byte[] iv = new byte[16];
        System.arraycopy(CIPHER_SALT, 0, iv, 0, 14);
        iv[4] ^= (byte) (ssrc >> 24); iv[5] ^= (byte) (ssrc >> 16); iv[6] ^= (byte) (ssrc >> 8); iv[7] ^= (byte) ssrc;
        iv[12] ^= (byte) (seq >> 8); iv[13] ^= (byte) seq;
        Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
        ctr.init(Cipher.DECRYPT_MODE, new SecretKeySpec(CIPHER_KEY, "AES"), new IvParameterSpec(iv));
        int header = 28;
        byte[] payload = ctr.doFinal(buf, header, plain.length - header);
        assertArrayEquals(Arrays.copyOfRange(plain, header, plain.length), payload);
        assertArrayEquals(Arrays.copyOf(plain, header), Arrays.copyOf(buf, header), "header stays clear");
    }
}
