package io.junction.ice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.ice4j.StunException;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.FingerprintAttribute;
import org.ice4j.attribute.MessageIntegrityAttribute;
import org.ice4j.attribute.UsernameAttribute;
import org.ice4j.attribute.XorMappedAddressAttribute;
import org.ice4j.message.Message;
import org.junit.jupiter.api.Test;

/** RFC 5769 test vectors decoded by ice4j's STUN parser, with MESSAGE-INTEGRITY and FINGERPRINT checked. */
class StunVectorsTest {
    private static final byte[] PASSWORD = "VOkJxbRl1RmTxUk/WvJxBt".getBytes(StandardCharsets.UTF_8);

    /** RFC 5769 §2.1: Binding Request, short-term credentials, USERNAME "evtj:h6vY". */
    static final byte[] REQUEST = HexFormat.of().parseHex(
            "000100582112a442b7e7a701bc34d686fa87dfae"  // Binding Request, length 88, cookie, transaction ID
            + "80220010" + "5354554e20746573742063" + "6c69656e74" // SOFTWARE "STUN test client"
            + "00240004" + "6e0001ff"                   // PRIORITY
            + "80290008" + "932ff9b151263b36"           // ICE-CONTROLLED
            + "00060009" + "6576746a3a68367659" + "202020" // USERNAME "evtj:h6vY" + padding
            + "00080014" + "9aeaa70cbfd8cb56781ef2b5b2d3f249c1b571a2" // MESSAGE-INTEGRITY
            + "80280004" + "e57a3bcf");                 // FINGERPRINT

    /** RFC 5769 §2.2: Binding success response, XOR-MAPPED-ADDRESS 192.0.2.1:32853. */
    static final byte[] RESPONSE_V4 = HexFormat.of().parseHex(
            "0101003c2112a442b7e7a701bc34d686fa87dfae"
            + "8022000b" + "7465737420766563746f7220"   // SOFTWARE "test vector" + padding
            + "00200008" + "0001a147e112a643"           // XOR-MAPPED-ADDRESS
            + "00080014" + "2b91f599fd9e90c38c7489f92af9ba53f06be7d7"
            + "80280004" + "c07d4c96");

    @Test
    void sampleRequestDecodesWithValidIntegrityAndFingerprint() throws Exception {
        Message m = Message.decode(REQUEST, 0, REQUEST.length);
        assertEquals(Message.BINDING_REQUEST, m.getMessageType());
        UsernameAttribute user = (UsernameAttribute) m.getAttribute(Attribute.USERNAME);
        assertEquals("evtj:h6vY", new String(user.getUsername(), StandardCharsets.UTF_8));
        assertEquals("evtj", AbstractUdpListenerAccess.ufrag(REQUEST));
        assertIntegrity(REQUEST, m);
        assertFingerprint(REQUEST);
    }

    @Test
    void sampleIpv4ResponseDecodesToTheMappedAddress() throws Exception {
        Message m = Message.decode(RESPONSE_V4, 0, RESPONSE_V4.length);
        assertEquals(Message.BINDING_SUCCESS_RESPONSE, m.getMessageType());
        XorMappedAddressAttribute xma = (XorMappedAddressAttribute) m.getAttribute(Attribute.XOR_MAPPED_ADDRESS);
        assertNotNull(xma);
        var addr = xma.getAddress(m.getTransactionID());
        assertEquals("192.0.2.1", addr.getHostAddress());
        assertEquals(32853, addr.getPort());
        assertIntegrity(RESPONSE_V4, m);
        assertFingerprint(RESPONSE_V4);
    }

    @Test
    void aTamperedByteFailsFingerprintInDecodeAndIntegrity() throws Exception {
        byte[] bad = REQUEST.clone();
        bad[26] ^= 1; // inside SOFTWARE
        StunException e = assertThrows(StunException.class, () -> Message.decode(bad, 0, bad.length));
        assertTrue(e.getMessage().contains("FINGERPRINT"), e.getMessage());
        Message good = Message.decode(REQUEST, 0, REQUEST.length);
        byte[] expected = ((MessageIntegrityAttribute) good.getAttribute(Attribute.MESSAGE_INTEGRITY))
                .getHmacSha1Content();
        int miOffset = attributeOffset(bad, Attribute.MESSAGE_INTEGRITY);
        assertFalse(java.util.Arrays.equals(expected, hmacOverPrefix(bad, miOffset)));
    }

    @Test
    void truncatedAndLyingMessagesAreRejectedWithStunException() {
        assertThrows(StunException.class, () -> Message.decode(REQUEST, 0, 10));
        byte[] lying = REQUEST.clone();
        lying[3] = (byte) 0xF0; // message length beyond the datagram
        assertThrows(StunException.class, () -> Message.decode(lying, 0, lying.length));
    }

    private static void assertIntegrity(byte[] msg, Message m) {
        MessageIntegrityAttribute mi = (MessageIntegrityAttribute) m.getAttribute(Attribute.MESSAGE_INTEGRITY);
        assertNotNull(mi);
        int miOffset = attributeOffset(msg, Attribute.MESSAGE_INTEGRITY);
        assertArrayEquals(mi.getHmacSha1Content(), hmacOverPrefix(msg, miOffset));
    }

    /** RFC 5389 §15.4: HMAC over the message up to MESSAGE-INTEGRITY, length field covering it. */
    private static byte[] hmacOverPrefix(byte[] msg, int miOffset) {
        byte[] prefix = java.util.Arrays.copyOf(msg, miOffset);
        int len = miOffset + 24 - 20;
        prefix[2] = (byte) (len >> 8);
        prefix[3] = (byte) len;
        return MessageIntegrityAttribute.calculateHmacSha1(prefix, 0, prefix.length, PASSWORD);
    }

    /** RFC 5389 §15.5: CRC-32 of the message before FINGERPRINT, XOR 0x5354554e. */
    private static void assertFingerprint(byte[] msg) {
        int fpOffset = attributeOffset(msg, Attribute.FINGERPRINT);
        byte[] crc = FingerprintAttribute.calculateXorCRC32(msg, 0, fpOffset);
        assertArrayEquals(java.util.Arrays.copyOfRange(msg, fpOffset + 4, fpOffset + 8), crc);
    }

    private static int attributeOffset(byte[] msg, char type) {
        int i = 20;
        while (i + 4 <= msg.length) {
            int t = ((msg[i] & 0xFF) << 8) | (msg[i + 1] & 0xFF);
            int l = ((msg[i + 2] & 0xFF) << 8) | (msg[i + 3] & 0xFF);
            if (t == type) {
                return i;
            }
            i += 4 + ((l + 3) & ~3);
        }
        throw new AssertionError("attribute not found: " + (int) type);
    }

    @Test
    void malformedErrorCodesThrowInIce4jButTheSharedPortDropsThem() throws Throwable {
        // found by StunFuzzTest: ice4j decodes an ERROR-CODE attribute shorter than its 4-byte
        // header into new byte[length - 4] (an upstream defect, not Junction code)
        byte[] shortErrorCode = HexFormat.of().parseHex(
                "011100102112a442000102030405060708090a0b" + "0c040000" + "00090001556e6175" + "74686f72697a6564");
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> Message.decode(shortErrorCode, 0, shortErrorCode.length));
        assertTrue(StunFuzzTest.isKnownIce4jDefect(e), e.toString());
        // the shared port's demultiplexer catches it and drops the datagram
        assertEquals(null, StunFuzzTest.GET_UFRAG.invoke(shortErrorCode, 0, shortErrorCode.length));

        // also found: an error class byte above 0x7f is read as a negative number and refused by a setter
        byte[] negativeClass = HexFormat.of().parseHex(
                "011100102112a442000102030405060708090a0b" + "0009000c0000fb01" + "556e617574686f72697a6564");
        RuntimeException e2 = assertThrows(RuntimeException.class,
                () -> Message.decode(negativeClass, 0, negativeClass.length));
        assertTrue(StunFuzzTest.isKnownIce4jDefect(e2), e2.toString());
        assertEquals(null, StunFuzzTest.GET_UFRAG.invoke(negativeClass, 0, negativeClass.length));
    }
}
