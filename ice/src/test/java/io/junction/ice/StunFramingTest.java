package io.junction.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.junction.ice.StunFraming.Verdict;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** {@link StunFraming} over annotated bytes: RFC 5769 vectors pass, broken framing fails with its verdict. */
class StunFramingTest {
    /** RFC 5769 §2.3: Binding success response, XOR-MAPPED-ADDRESS [2001:db8:1234:5678:11:2233:4455:6677]:32853. */
    static final byte[] RESPONSE_V6 = HexFormat.of().parseHex(
            "010100482112a442b7e7a701bc34d686fa87dfae"
            + "8022000b" + "7465737420766563746f7220"    // SOFTWARE "test vector" + 1 byte padding
            + "00200014" + "0002a1470113a9faa5d3f179bc25f4b5bed2b9d9" // XOR-MAPPED-ADDRESS, family 2
            + "00080014" + "a382954e4be67bf11784c97c8292c275bfe3ed41" // MESSAGE-INTEGRITY
            + "80280004" + "c8fb0b4c");                  // FINGERPRINT

    /** A minimal Binding Request: header + USERNAME "abcd:efgh". */
    static final byte[] MINIMAL = HexFormat.of().parseHex(
            "000100102112a442000102030405060708090a0b" + "00060009" + "616263643a65666768" + "000000");

    @Test
    void rfc5769VectorsAreValid() {
        assertEquals(Verdict.VALID, check(StunVectorsTest.REQUEST));
        assertEquals(Verdict.VALID, check(StunVectorsTest.RESPONSE_V4));
        assertEquals(Verdict.VALID, check(RESPONSE_V6));
        assertEquals(Verdict.VALID, check(MINIMAL));
        assertEquals(Verdict.VALID, check(hex("000100002112a442000102030405060708090a0b"))); // no attributes
    }

    @Test
    void validInsideALargerBufferAtAnOffset() {
        byte[] buf = new byte[StunVectorsTest.REQUEST.length + 10];
        System.arraycopy(StunVectorsTest.REQUEST, 0, buf, 7, StunVectorsTest.REQUEST.length);
        assertEquals(Verdict.VALID, StunFraming.check(buf, 7, StunVectorsTest.REQUEST.length));
        assertEquals(Verdict.TRUNCATED, StunFraming.check(buf, 7, buf.length)); // range past the end
        assertEquals(Verdict.TRUNCATED, StunFraming.check(buf, -1, 20));
        assertEquals(Verdict.TRUNCATED, StunFraming.check(null, 0, 20));
    }

    @Test
    void truncatedMessages() {
        byte[] r = StunVectorsTest.REQUEST;
        assertEquals(Verdict.TRUNCATED, StunFraming.check(r, 0, 0));
        assertEquals(Verdict.TRUNCATED, StunFraming.check(r, 0, 19));
        // cut inside the attributes: the header's length (88) no longer matches what follows it
        assertEquals(Verdict.BAD_LENGTH, StunFraming.check(r, 0, r.length - 8));
        assertEquals(Verdict.BAD_LENGTH, StunFraming.check(r, 0, 20));
    }

    @Test
    void headerErrors() {
        // top two bits set: 0x4001 is not STUN (RFC 5389 §6)
        assertEquals(Verdict.NOT_STUN, check(patch(MINIMAL, 0, "40")));
        assertEquals(Verdict.NOT_STUN, check(patch(MINIMAL, 0, "80")));
        // cookie 0x2112a443 / RFC 3489 message without cookie
        assertEquals(Verdict.BAD_COOKIE, check(patch(MINIMAL, 7, "43")));
        assertEquals(Verdict.BAD_COOKIE, check(patch(MINIMAL, 4, "00000000")));
        // length 0x000d: not a multiple of 4
        assertEquals(Verdict.BAD_LENGTH, check(patch(MINIMAL, 2, "000d")));
        // length 0x0014 lies: 16 bytes follow the header
        assertEquals(Verdict.BAD_LENGTH, check(patch(MINIMAL, 2, "0014")));
        // length 0x000c lies the other way: 4 trailing bytes after the message
        assertEquals(Verdict.BAD_LENGTH, check(patch(MINIMAL, 2, "000c")));
    }

    @Test
    void attributeOverruns() {
        // USERNAME claims 13 bytes (padded 16) but only 12 remain after its header
        assertEquals(Verdict.ATTRIBUTE_OVERRUN, check(patch(MINIMAL, 22, "000d")));
        // USERNAME claims 0xffff bytes
        assertEquals(Verdict.ATTRIBUTE_OVERRUN, check(patch(MINIMAL, 22, "ffff")));
        // USERNAME claims 1 byte (padded 4): the next header 3a656667 reads as type 0x3a65, length 0x6667
        assertEquals(Verdict.ATTRIBUTE_OVERRUN, check(patch(MINIMAL, 22, "0001")));
        // an unknown optional attribute (0xc057) whose 4-byte value has no room
        assertEquals(Verdict.ATTRIBUTE_OVERRUN, check(hex("000100042112a442000102030405060708090a0b" + "c0570004")));
    }

    @Test
    void attributeAfterFingerprint() {
        byte[] r = StunVectorsTest.REQUEST;
        byte[] longer = Arrays.copyOf(r, r.length + 4);
        longer[3] += 4; // message length 92
        System.arraycopy(hex("00250000"), 0, longer, r.length, 4); // USE-CANDIDATE after FINGERPRINT
        assertEquals(Verdict.AFTER_FINGERPRINT, check(longer));
    }

    @Test
    void attributesWithSizesTheirRfcForbids() {
        String hdr = "2112a442000102030405060708090a0b";
        // ERROR-CODE shorter than its 4-byte class/number header (ice4j: NegativeArraySizeException)
        assertEquals(Verdict.BAD_ATTRIBUTE, check(hex("01110008" + hdr + "00090001" + "55000000")));
        // ERROR-CODE class byte 0xfb (ice4j: IllegalArgumentException), and class 7, number 100
        assertEquals(Verdict.BAD_ATTRIBUTE, check(hex("01110008" + hdr + "00090004" + "0000fb01")));
        assertEquals(Verdict.BAD_ATTRIBUTE, check(hex("01110008" + hdr + "00090004" + "00000701")));
        assertEquals(Verdict.BAD_ATTRIBUTE, check(hex("01110008" + hdr + "00090004" + "00000464")));
        assertEquals(Verdict.VALID, check(hex("01110008" + hdr + "00090004" + "00000401"))); // 401, no reason
        // ICE-CONTROLLED with 4 bytes instead of 8 (ice4j: ArrayIndexOutOfBoundsException)
        assertEquals(Verdict.BAD_ATTRIBUTE, check(hex("00010008" + hdr + "80290004" + "01020304")));
        // PRIORITY of 2 bytes, USE-CANDIDATE with a value, MESSAGE-INTEGRITY of 16, FINGERPRINT of 8
        assertEquals(Verdict.BAD_ATTRIBUTE, check(hex("00010008" + hdr + "00240002" + "01020000")));
        assertEquals(Verdict.BAD_ATTRIBUTE, check(hex("00010008" + hdr + "00250004" + "01020304")));
        assertEquals(Verdict.BAD_ATTRIBUTE, check(hex("00010014" + hdr + "00080010" + "00".repeat(16))));
        assertEquals(Verdict.BAD_ATTRIBUTE, check(hex("0001000c" + hdr + "80280008" + "00".repeat(8))));
        // XOR-MAPPED-ADDRESS: family 1 with 20 bytes, family 3
        assertEquals(Verdict.BAD_ATTRIBUTE, check(hex("01010018" + hdr + "00200014" + "0001" + "00".repeat(18))));
        assertEquals(Verdict.BAD_ATTRIBUTE, check(hex("0101000c" + hdr + "00200008" + "0003a147e112a643")));
        // USERNAME of 513 bytes (RFC 5389 §15.3: fewer than 513)
        assertEquals(Verdict.BAD_ATTRIBUTE, check(hex("00010208" + hdr + "00060201" + "61".repeat(513) + "000000")));
    }

    @Test
    void theFuzzerFoundIce4jCrashesFailTheCheck() throws Exception {
        for (String name : new String[] {"attribute-decoder-overrun-2", "attribute-header-past-the-end",
                "error-code-negative-class", "error-code-shorter-than-4", "ice-control-past-the-end",
                "optional-attribute-past-the-end", "short-message-integrity",
                "error_401"}) { // this seed's ERROR-CODE says 12 bytes but carries 16, so the message length lies
            byte[] in = corpus(name);
            assertEquals(false, StunFraming.isValid(in, 0, in.length), name);
        }
        for (String name : new String[] {"rfc5769_request", "rfc5769_response_v4", "rfc5769_response_v6",
                "binding_username_only"}) {
            byte[] in = corpus(name);
            assertEquals(Verdict.VALID, StunFraming.check(in, 0, in.length), name);
        }
    }

    static byte[] corpus(String name) throws Exception {
        try (var in = StunFramingTest.class.getResourceAsStream("StunFuzzTestInputs/decodeAsServer/" + name)) {
            return in.readAllBytes();
        }
    }

    private static Verdict check(byte[] m) {
        return StunFraming.check(m, 0, m.length);
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    private static byte[] patch(byte[] m, int at, String bytes) {
        byte[] c = m.clone();
        byte[] p = hex(bytes);
        System.arraycopy(p, 0, c, at, p.length);
        return c;
    }
}
