package io.junction.ice;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * Coverage-guided fuzz test of the ICE-lite responder as the media port runs it on every STUN datagram:
 * the verdict is always one of the four kinds (never an exception), and a refusal or success reply can
 * always be encoded and passes the port's own framing check.
 */
class LiteResponderFuzzTest {
    private static final IceCredentials RFC5769 = new IceCredentials("evtj", "VOkJxbRl1RmTxUk/WvJxBt");
    private static final Map<String, LiteResponder.Registration<String>> REGISTERED = Map.of(
            "evtj", new LiteResponder.Registration<>("rfc", RFC5769));

    @FuzzTest
    void verifyNeverThrows(byte[] input) {
        LiteResponder.Verdict<String> v = LiteResponder.verify(input, 0, input.length, REGISTERED::get);
        assertNotNull(v);
        byte[] reply = null;
        if (v instanceof LiteResponder.Valid<String> ok) {
            reply = LiteResponder.success(ok.request(), new InetSocketAddress("192.0.2.1", 1), RFC5769.password());
        } else if (v instanceof LiteResponder.Refuse<String> r) {
            reply = LiteResponder.error(r.request(), r.code(), r.reasonPhrase(), RFC5769.password());
        }
        if (reply != null) {
            assertTrue(StunFraming.isValid(reply, 0, reply.length));
            assertTrue(LiteResponder.integrityValid(reply, 0, reply.length, RFC5769.password()));
        }
    }
}
