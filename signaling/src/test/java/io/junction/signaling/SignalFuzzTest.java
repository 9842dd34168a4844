package io.junction.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.sfu.signal.Negotiation;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Coverage-guided fuzz test of the signaling decoder as a WebSocket text frame reaches it:
 * {@link SignalCodec#decode}, then for a {@code message} the relay encoding of its {@code data}
 * and, for negotiation data, {@link NegotiationCodec} decode, encode and decode again.
 *
 * <p>Property: the only failure is {@link SignalDecodeException} with a protocol error code;
 * what the server relays is JSON a client can read; negotiation encoding round-trips.
 */
class SignalFuzzTest {
    private static final Set<String> DECODE_CODES =
            Set.of(ErrorCodes.BAD_JSON, ErrorCodes.BAD_MESSAGE, ErrorCodes.TOO_LARGE);
    private static final SignalCodec CODEC = new SignalCodec(64 * 1024);
    private static final NegotiationCodec NEGOTIATION = new NegotiationCodec(CODEC);
    private static final ObjectMapper CLIENT = new ObjectMapper();

    @FuzzTest
    void decode(byte[] input) throws Exception {
        String frame = new String(input, StandardCharsets.UTF_8);
        SignalMessage.Client message;
        try {
            message = CODEC.decode(frame);
        } catch (SignalDecodeException e) {
            assertTrue(DECODE_CODES.contains(e.code()), e.code());
            assertNotNull(e.getMessage());
            return;
        }
        if (!(message instanceof SignalMessage.Message m)) {
            return;
        }
        String relayed = CODEC.encode(new SignalMessage.Relayed(m.room(), "peer-1", m.data()));
        assertTrue(CLIENT.readTree(relayed).isObject());
        if (!NegotiationCodec.isNegotiation(m.dataType())) {
            return;
        }
        Negotiation n;
        try {
            n = NEGOTIATION.decode(m.data());
        } catch (SignalDecodeException e) {
            assertEquals(ErrorCodes.BAD_MESSAGE, e.code());
            return;
        }
        assertEquals(n, NEGOTIATION.decode(NEGOTIATION.encode(n)), "negotiation data round-trips");
    }
}
