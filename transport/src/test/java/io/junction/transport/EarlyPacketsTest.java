package io.junction.transport;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EarlyPacketsTest {

    @Test
    void holdsCopiesInOrderUpToCapacityAndDrainsOnce() {
        EarlyPackets early = new EarlyPackets(2);
        byte[] buf = {9, 1, 2, 3, 9};
        assertTrue(early.hold(buf, 1, 3));
        buf[1] = 7; // the caller reuses its buffer: the held packet must be a copy
        assertTrue(early.hold(buf, 0, 2));
        assertFalse(early.hold(buf, 0, 1), "full: the caller counts a drop");
        List<byte[]> out = new ArrayList<>();
        early.drain((b, o, l) -> out.add(java.util.Arrays.copyOfRange(b, o, o + l)));
        assertEquals(2, out.size());
        assertArrayEquals(new byte[] {1, 2, 3}, out.get(0));
        assertArrayEquals(new byte[] {9, 7}, out.get(1));
        assertEquals(0, early.size());
        early.drain((b, o, l) -> out.add(b));
        assertEquals(2, out.size(), "a second drain hands nothing");
    }
}
