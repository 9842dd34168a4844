package io.junction.sctp.dcep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes DATA_CHANNEL_OPEN / ACK parsing. Property: no exception, and an accepted OPEN encodes
 * back to a message that parses to the same label, protocol and ordering.
 */
class DcepFuzzTest {

    @FuzzTest
    void parseOpen(byte[] input) {
        DcepMessage.isAck(input, 0, input.length);
        DcepMessage.Open o = DcepMessage.parseOpen(input, 0, input.length);
        if (o == null) {
            return;
        }
        ChannelOptions opt = o.options();
        byte[] again = DcepMessage.open(o.label(), opt);
        DcepMessage.Open p = DcepMessage.parseOpen(again, 0, again.length);
        assertNotNull(p);
        assertEquals(o.label(), p.label());
        assertEquals(o.protocol(), p.protocol());
        assertEquals(opt.ordered(), p.options().ordered());
        assertEquals(o.channelType(), p.channelType());
    }
}
