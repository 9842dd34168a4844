package io.junction.ice;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Function;
import org.ice4j.StunException;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.AttributeFactory;
import org.ice4j.attribute.MessageIntegrityAttribute;
import org.ice4j.attribute.UsernameAttribute;
import org.ice4j.message.Message;
import org.ice4j.message.MessageFactory;
import org.ice4j.message.Request;
import org.ice4j.message.Response;

/**
 * The ICE-lite responder's decisions (RFC 8445 §2.5, §7.3): pure functions from one STUN datagram and
 * the registered credentials to a {@link Verdict}, and the encoders of the replies. ice4j's
 * {@link Message} classes decode and encode; MESSAGE-INTEGRITY uses ice4j's HMAC helper with the
 * short-term password of the session the USERNAME names (RFC 5389 §10.1); FINGERPRINT is checked by
 * ice4j's decoder and added to every reply (RFC 8445 §7.3).
 *
 * <p>Unauthenticated input (unknown ufrag, missing or wrong MESSAGE-INTEGRITY) is dropped without a
 * reply, so the port never reflects traffic to a forged source; authenticated checks with a protocol
 * error get a 400 or 487 error response.
 */
final class LiteResponder {
    /** RFC 5389 §6: Binding Request and Binding Indication message types. */
    static final int BINDING_REQUEST = 0x0001;
    static final int BINDING_INDICATION = 0x0011;
    private static final int MI_TYPE = 0x0008;
    private static final int MI_SIZE = 24;

    static {
        // ice4j reads its configuration once per JVM on first use: Junction's properties (AWS probe off) first
        Ice4jSetup.apply();
    }

    private LiteResponder() {
    }

    /** A registered server ufrag: its owner and the password checks are signed with. */
    record Registration<T>(T owner, IceCredentials local) {
    }

    /** The outcome of {@link #verify}. */
    sealed interface Verdict<T> {
    }

    /** Drop without reply, counted as {@code reason}. */
    record Drop<T>(PortDrop reason) implements Verdict<T> {
    }

    /** A Binding Indication (RFC 8445 §11 keepalive): nothing to do. */
    record Ignore<T>() implements Verdict<T> {
    }

    /** An authenticated check refused with an error response ({@code code}), counted as {@code counted}. */
    record Refuse<T>(Registration<T> session, Request request, int code, String reasonPhrase, PortDrop counted)
            implements Verdict<T> {
    }

    /** A valid check for {@code session}; {@code useCandidate} nominates (RFC 8445 §7.3.1.5). */
    record Valid<T>(Registration<T> session, Request request, boolean useCandidate, String remoteUfrag)
            implements Verdict<T> {
    }

    /**
     * Verifies one STUN datagram (the RFC 7983 classifier said STUN). {@code lookup} maps a server ufrag
     * to its registration or null.
     */
    static <T> Verdict<T> verify(byte[] buf, int off, int len, Function<String, Registration<T>> lookup) {
        if (!StunFraming.isValid(buf, off, len)) {
            return new Drop<>(PortDrop.MALFORMED_STUN);
        }
        int type = StunFraming.uint16(buf, off);
        if (type == BINDING_INDICATION) {
            return new Ignore<>();
        }
        if (type != BINDING_REQUEST) {
            return new Drop<>(PortDrop.UNEXPECTED_STUN);
        }
        if (off != 0) {
            // ice4j's decoder is only reliable at offset 0 (an ICE-TCP frame starts after its length)
            buf = java.util.Arrays.copyOfRange(buf, off, off + len);
            off = 0;
        }
        Message m;
        try {
            m = Message.decode(buf, off, len); // also checks FINGERPRINT (RFC 5389 §15.5)
        } catch (StunException | RuntimeException e) {
            return new Drop<>(PortDrop.MALFORMED_STUN);
        }
        if (!(m instanceof Request request)) {
            return new Drop<>(PortDrop.UNEXPECTED_STUN);
        }
        UsernameAttribute user = (UsernameAttribute) m.getAttribute(Attribute.USERNAME);
        if (user == null) {
            return new Drop<>(PortDrop.UNKNOWN_UFRAG);
        }
        // RFC 8445 §7.2.2: USERNAME is "server-ufrag:client-ufrag" on checks sent to us
        String username = new String(user.getUsername(), StandardCharsets.UTF_8);
        int colon = username.indexOf(':');
        if (colon <= 0) {
            return new Drop<>(PortDrop.UNKNOWN_UFRAG);
        }
        Registration<T> reg = lookup.apply(username.substring(0, colon));
        if (reg == null) {
            return new Drop<>(PortDrop.UNKNOWN_UFRAG);
        }
        if (!integrityValid(buf, off, len, reg.local().password())) {
            return new Drop<>(PortDrop.BAD_INTEGRITY);
        }
        boolean controlling = m.containsAttribute(Attribute.ICE_CONTROLLING);
        boolean controlled = m.containsAttribute(Attribute.ICE_CONTROLLED);
        if (!m.containsAttribute(Attribute.PRIORITY) || controlling == controlled) {
            // RFC 8445 §7.2.2 / §7.3: a check carries PRIORITY and exactly one role attribute
            return new Refuse<>(reg, request, 400, "Bad Request", PortDrop.BAD_REQUEST);
        }
        if (controlled) {
            // RFC 8445 §7.3.1.1: we are controlled and a lite agent never takes the controlling role
            // (§6.1.1), so whatever the tie-breaker the full peer must switch: 487, keep our role.
            return new Refuse<>(reg, request, 487, "Role Conflict", PortDrop.ROLE_CONFLICT);
        }
        return new Valid<>(reg, request, m.containsAttribute(Attribute.USE_CANDIDATE), username.substring(colon + 1));
    }

    /**
     * Runs one check through decode, integrity and both encoders, so ice4j's classes and configuration
     * (loaded and initialised on first use, seconds on a busy machine) are ready before the first real check:
     * otherwise the port's I/O thread stalls on the first check and every session waiting behind it loses
     * that time from its handshake budget.
     */
    static void warmUp() {
        IceCredentials c = new IceCredentials("warm", "warmupwarmupwarmupwarmup");
        Request r = MessageFactory.createBindingRequest();
        try {
            r.setTransactionID(new byte[12]);
        } catch (StunException e) {
            throw new IllegalStateException(e);
        }
        r.putAttribute(AttributeFactory.createUsernameAttribute("warm:peer"));
        r.putAttribute(AttributeFactory.createPriorityAttribute(1));
        r.putAttribute(AttributeFactory.createIceControllingAttribute(1));
        r.putAttribute(new ShortTermIntegrity(c.password().getBytes(StandardCharsets.UTF_8)));
        r.putAttribute(AttributeFactory.createFingerprintAttribute());
        byte[] check = r.encode(null);
        Verdict<String> v = verify(check, 0, check.length, u -> new Registration<>("warm", c));
        if (!(v instanceof Valid<String> ok)) {
            throw new IllegalStateException("ICE-lite responder self-check failed: " + v);
        }
        success(ok.request(), new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 9), c.password());
        error(ok.request(), 487, "Role Conflict", c.password());
    }

    /**
     * RFC 5389 §15.4: HMAC-SHA1 over the message up to MESSAGE-INTEGRITY, with the header's length
     * field covering the message up to and including MESSAGE-INTEGRITY; key = password (short-term
     * credentials, ice-chars need no SASLprep change). False when the attribute is missing.
     */
    static boolean integrityValid(byte[] buf, int off, int len, String password) {
        int end = off + len;
        int p = off + StunFraming.HEADER;
        while (p + 4 <= end) {
            int type = StunFraming.uint16(buf, p);
            int valueLen = StunFraming.uint16(buf, p + 2);
            if (type == MI_TYPE) {
                if (valueLen != 20 || p + MI_SIZE > end) {
                    return false;
                }
                int covered = p - off;
                byte[] signed = new byte[covered];
                System.arraycopy(buf, off, signed, 0, covered);
                int lengthField = covered - StunFraming.HEADER + MI_SIZE;
                signed[2] = (byte) (lengthField >>> 8);
                signed[3] = (byte) lengthField;
                byte[] expected = MessageIntegrityAttribute.calculateHmacSha1(signed, 0, covered,
                        password.getBytes(StandardCharsets.UTF_8));
                byte[] actual = new byte[20];
                System.arraycopy(buf, p + 4, actual, 0, 20);
                return MessageDigest.isEqual(expected, actual);
            }
            p += 4 + ((valueLen + 3) & ~3);
        }
        return false;
    }

    /** Binding success response (RFC 8445 §7.3.1.1): XOR-MAPPED-ADDRESS, MESSAGE-INTEGRITY, FINGERPRINT. */
    static byte[] success(Request request, InetSocketAddress remote, String password) {
        Response r = MessageFactory.createBindingResponse(request,
                new TransportAddress(remote.getAddress(), remote.getPort(), Transport.UDP));
        return sign(r, request, password);
    }

    /** Binding error response with ERROR-CODE {@code code}, signed like a success (RFC 5389 §10.1.2). */
    static byte[] error(Request request, int code, String reasonPhrase, String password) {
        Response r = MessageFactory.createBindingErrorResponse((char) code, reasonPhrase);
        return sign(r, request, password);
    }

    private static byte[] sign(Response r, Request request, String password) {
        try {
            r.setTransactionID(request.getTransactionID());
        } catch (StunException e) {
            throw new IllegalStateException("transaction id of a decoded request", e);
        }
        r.putAttribute(new ShortTermIntegrity(password.getBytes(StandardCharsets.UTF_8)));
        r.putAttribute(AttributeFactory.createFingerprintAttribute());
        return r.encode(null); // both content-dependent attributes are computed without a StunStack
    }

    /**
     * MESSAGE-INTEGRITY keyed directly with the short-term password: ice4j's own attribute looks the key
     * up in a StunStack's credentials manager, which the lite responder does not run.
     */
    static final class ShortTermIntegrity extends MessageIntegrityAttribute {
        private final byte[] key;

        ShortTermIntegrity(byte[] key) {
            this.key = key;
        }

        @Override
        public byte[] encode(org.ice4j.stack.StunStack stack, byte[] content, int offset, int length) {
            byte[] hmac = calculateHmacSha1(content, offset, length, key);
            byte[] out = new byte[MI_SIZE];
            out[1] = (byte) MI_TYPE;
            out[3] = 20;
            System.arraycopy(hmac, 0, out, 4, 20);
            return out;
        }
    }
}
