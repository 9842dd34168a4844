package io.junction.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzz test of what a node reads from Redis: channel messages and directory
 * values, relay-link negotiation messages. Property: the only failure is {@link ClusterDecodeException} with a message, and what
 * decodes re-encodes to an equal value.
 */
class ClusterCodecFuzzTest {
    private static final ClusterCodec CODEC = new ClusterCodec();

    @FuzzTest
    void decode(byte[] input) throws Exception {
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            RoomEvent e = CODEC.decodeEvent(text);
            assertEquals(e, CODEC.decodeEvent(CODEC.encode(e)));
        } catch (ClusterDecodeException ex) {
            assertNotNull(ex.getMessage());
        }
        try {
            NodeRecord r = CODEC.decodeNode(text);
            assertEquals(r, CODEC.decodeNode(CODEC.encode(r)));
        } catch (ClusterDecodeException ex) {
            assertNotNull(ex.getMessage());
        }
        try {
            RelaySignal r = CODEC.decodeRelay(text);
            assertEquals(r, CODEC.decodeRelay(CODEC.encode(r)));
        } catch (ClusterDecodeException ex) {
            assertNotNull(ex.getMessage());
        }
        try {
            ClusterCodec.Member m = CODEC.decodeMember(text);
            assertEquals(m, CODEC.decodeMember(CODEC.encode(m)));
        } catch (ClusterDecodeException ex) {
            assertNotNull(ex.getMessage());
        }
    }
}
