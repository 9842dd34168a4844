package io.junction.ice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Map;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.ErrorCodeAttribute;
import org.ice4j.attribute.XorMappedAddressAttribute;
import org.ice4j.message.Message;
import org.junit.jupiter.api.Test;

/** The ICE-lite responder's decisions and replies, with RFC 5769 vectors and annotated broken input. */
class LiteResponderTest {
    /** RFC 5769 §2.1 credentials: USERNAME "evtj:h6vY", password "VOkJxbRl1RmTxUk/WvJxBt". */
    private static final IceCredentials RFC5769 = new IceCredentials("evtj", "VOkJxbRl1RmTxUk/WvJxBt");
    private static final IceCredentials SERVER = new IceCredentials("srv1", "abcdefghijklmnopqrstuvwx");
    private static final InetSocketAddress PEER = new InetSocketAddress("192.0.2.1", 32853);

    private static final Map<String, LiteResponder.Registration<String>> REGISTERED = Map.of(
            "evtj", new LiteResponder.Registration<>("rfc", RFC5769),
            "srv1", new LiteResponder.Registration<>("session", SERVER));

    private static LiteResponder.Verdict<String> verify(byte[] m) {
        return LiteResponder.verify(m, 0, m.length, REGISTERED::get);
    }

    @Test
    void rfc5769SampleRequestIsAuthenticAndGetsRoleConflictBecauseItSaysControlled() throws Exception {
        byte[] req = StunVectorsTest.REQUEST;
        assertTrue(LiteResponder.integrityValid(req, 0, req.length, RFC5769.password()));
        assertFalse(LiteResponder.integrityValid(req, 0, req.length, SERVER.password()));
        // the vector carries ICE-CONTROLLED: a lite agent is always controlled (RFC 8445 §6.1.1, §7.3.1.1)
        var refuse = assertInstanceOf(LiteResponder.Refuse.class, verify(req));
        assertEquals(487, refuse.code());
        assertEquals(PortDrop.ROLE_CONFLICT, refuse.counted());
        byte[] reply = LiteResponder.error(refuse.request(), 487, "Role Conflict", RFC5769.password());
        Message m = Message.decode(reply, 0, reply.length); // FINGERPRINT checked by the decoder
        assertEquals(Message.BINDING_ERROR_RESPONSE, m.getMessageType());
        assertEquals(487, ((ErrorCodeAttribute) m.getAttribute(Attribute.ERROR_CODE)).getErrorCode());
        assertArrayEquals(Arrays.copyOfRange(req, 8, 20), m.getTransactionID());
        assertTrue(LiteResponder.integrityValid(reply, 0, reply.length, RFC5769.password()));
    }

    @Test
    void rfc5769SampleResponseIsUnexpectedAtALiteAgent() {
        assertEquals(PortDrop.UNEXPECTED_STUN, drop(verify(StunVectorsTest.RESPONSE_V4)));
        // and its MESSAGE-INTEGRITY verifies with the vector's password (the same HMAC routine)
        byte[] r = StunVectorsTest.RESPONSE_V4;
        assertTrue(LiteResponder.integrityValid(r, 0, r.length, RFC5769.password()));
    }

    @Test
    void aValidNominatingCheckIsAnsweredWithTheMappedAddressSignedAndFingerprinted() throws Exception {
        byte[] check = Checks.encode(Checks.Spec.valid(SERVER, "cli1").nominating());
        var ok = assertInstanceOf(LiteResponder.Valid.class, verify(check));
        assertEquals("session", ok.session().owner());
        assertTrue(ok.useCandidate());
        assertEquals("cli1", ok.remoteUfrag());
        byte[] reply = LiteResponder.success(ok.request(), PEER, SERVER.password());
        Message m = Message.decode(reply, 0, reply.length);
        assertEquals(Message.BINDING_SUCCESS_RESPONSE, m.getMessageType());
        XorMappedAddressAttribute xma = (XorMappedAddressAttribute) m.getAttribute(Attribute.XOR_MAPPED_ADDRESS);
        assertEquals(PEER, new InetSocketAddress(xma.getAddress(m.getTransactionID()).getAddress(),
                xma.getAddress(m.getTransactionID()).getPort()));
        assertArrayEquals(Arrays.copyOfRange(check, 8, 20), m.getTransactionID());
        assertTrue(LiteResponder.integrityValid(reply, 0, reply.length, SERVER.password()));
        assertTrue(StunFraming.isValid(reply, 0, reply.length));
    }

    @Test
    void withoutUseCandidateTheCheckIsValidButDoesNotNominate() {
        var ok = assertInstanceOf(LiteResponder.Valid.class, verify(Checks.encode(Checks.Spec.valid(SERVER, "cli1"))));
        assertFalse(ok.useCandidate());
    }

    @Test
    void missingOrWrongMessageIntegrityIsDroppedWithoutReply() {
        assertEquals(PortDrop.BAD_INTEGRITY, drop(verify(Checks.encode(Checks.Spec.valid(SERVER, "c").password(null)))));
        assertEquals(PortDrop.BAD_INTEGRITY,
                drop(verify(Checks.encode(Checks.Spec.valid(SERVER, "c").password("WRONGwrongWRONGwrong1234")))));
        // a flipped HMAC byte also breaks FINGERPRINT, which ice4j's decoder checks first: malformed
        byte[] check = Checks.encode(Checks.Spec.valid(SERVER, "c"));
        check[check.length - 8 - 5] ^= 1;
        assertEquals(PortDrop.MALFORMED_STUN, drop(verify(check)));
    }

    @Test
    void anUnknownUfragOrAUsernameWithoutColonIsDropped() {
        IceCredentials other = new IceCredentials("nobody", SERVER.password());
        assertEquals(PortDrop.UNKNOWN_UFRAG, drop(verify(Checks.encode(Checks.Spec.valid(other, "c")))));
        Checks.Spec noColon = new Checks.Spec("srv1", SERVER.password(), true, true, false, false);
        assertEquals(PortDrop.UNKNOWN_UFRAG, drop(verify(Checks.encode(noColon))));
    }

    @Test
    void wrongRoleAttributesOrNoPriorityGet400AndControlledGets487() {
        record Row(Checks.Spec spec, int code, PortDrop counted) {
        }
        Checks.Spec base = Checks.Spec.valid(SERVER, "c");
        for (Row row : new Row[] {
                new Row(base.roles(false, false), 400, PortDrop.BAD_REQUEST),  // neither role attribute
                new Row(base.roles(true, true), 400, PortDrop.BAD_REQUEST),    // both
                new Row(base.withoutPriority(), 400, PortDrop.BAD_REQUEST),    // RFC 8445 §7.2.2 PRIORITY
                new Row(base.roles(false, true), 487, PortDrop.ROLE_CONFLICT), // the peer claims controlled
        }) {
            var refuse = assertInstanceOf(LiteResponder.Refuse.class, verify(Checks.encode(row.spec())), row.toString());
            assertEquals(row.code(), refuse.code(), row.toString());
            assertEquals(row.counted(), refuse.counted(), row.toString());
        }
    }

    @Test
    void truncatedOversizedAndBrokenStunIsMalformed() {
        byte[] good = Checks.encode(Checks.Spec.valid(SERVER, "c"));
        assertEquals(PortDrop.MALFORMED_STUN, drop(verify(Arrays.copyOf(good, 10))));          // shorter than the header
        assertEquals(PortDrop.MALFORMED_STUN, drop(verify(Arrays.copyOf(good, good.length - 4)))); // length field lies
        assertEquals(PortDrop.MALFORMED_STUN, drop(verify(Arrays.copyOf(good, good.length + 4)))); // trailing bytes
        byte[] huge = Arrays.copyOf(good, 65_000);                                               // oversized datagram
        assertEquals(PortDrop.MALFORMED_STUN, drop(verify(huge)));
        Checks.Spec longUser = new Checks.Spec("srv1:" + "x".repeat(600), SERVER.password(), true, true, false, false);
        assertEquals(PortDrop.MALFORMED_STUN, drop(verify(Checks.encode(longUser))));           // USERNAME > 512 bytes
        byte[] badFingerprint = good.clone();
        badFingerprint[badFingerprint.length - 1] ^= 1;
        assertEquals(PortDrop.MALFORMED_STUN, drop(verify(badFingerprint)));
    }

    @Test
    void aBindingIndicationIsAKeepaliveAndOtherMethodsAreUnexpected() {
        byte[] indication = Checks.encode(Checks.Spec.valid(SERVER, "c"));
        indication[0] = 0x00;
        indication[1] = 0x11; // Binding Indication: class bits 01 (RFC 5389 §6); FINGERPRINT now wrong, unread
        assertInstanceOf(LiteResponder.Ignore.class, verify(indication));
        byte[] allocate = Checks.encode(Checks.Spec.valid(SERVER, "c"));
        allocate[1] = 0x03; // TURN Allocate request
        assertEquals(PortDrop.UNEXPECTED_STUN, drop(verify(allocate)));
    }

    private static PortDrop drop(LiteResponder.Verdict<String> v) {
        return assertInstanceOf(LiteResponder.Drop.class, v).reason();
    }
}
