package io.junction.ice;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.ice4j.attribute.AttributeFactory;
import org.ice4j.message.MessageFactory;
import org.ice4j.message.Request;

/** Builds connectivity checks (RFC 8445 §7.2.2) as a full agent sends them, for the responder's tests. */
final class Checks {
    private static final Random RANDOM = new Random(7);

    private Checks() {
    }

    /** What to put in a check. */
    record Spec(String username, String password, boolean priority, boolean controlling, boolean controlled,
                boolean useCandidate) {
        /** A well-formed controlling check from {@code client} to {@code server} credentials. */
        static Spec valid(IceCredentials server, String clientUfrag) {
            return new Spec(server.ufrag() + ":" + clientUfrag, server.password(), true, true, false, false);
        }

        Spec nominating() {
            return new Spec(username, password, priority, controlling, controlled, true);
        }

        Spec password(String p) {
            return new Spec(username, p, priority, controlling, controlled, useCandidate);
        }

        Spec roles(boolean controllingRole, boolean controlledRole) {
            return new Spec(username, password, priority, controllingRole, controlledRole, useCandidate);
        }

        Spec withoutPriority() {
            return new Spec(username, password, false, controlling, controlled, useCandidate);
        }
    }

    /** Encodes the check; MESSAGE-INTEGRITY only when the spec has a password; FINGERPRINT always. */
    static byte[] encode(Spec s) {
        try {
            Request r = MessageFactory.createBindingRequest();
            byte[] tid = new byte[12];
            RANDOM.nextBytes(tid);
            r.setTransactionID(tid);
            r.putAttribute(AttributeFactory.createUsernameAttribute(s.username()));
            if (s.priority()) {
                r.putAttribute(AttributeFactory.createPriorityAttribute(1853824767L));
            }
            if (s.controlling()) {
                r.putAttribute(AttributeFactory.createIceControllingAttribute(0x1234_5678_9abcL));
            }
            if (s.controlled()) {
                r.putAttribute(AttributeFactory.createIceControlledAttribute(0x1234_5678_9abcL));
            }
            if (s.useCandidate()) {
                r.putAttribute(AttributeFactory.createUseCandidateAttribute());
            }
            if (s.password() != null) {
                r.putAttribute(new LiteResponder.ShortTermIntegrity(s.password().getBytes(StandardCharsets.UTF_8)));
            }
            r.putAttribute(AttributeFactory.createFingerprintAttribute());
            return r.encode(null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
