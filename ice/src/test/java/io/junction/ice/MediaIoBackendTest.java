package io.junction.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which UDP backend runs for what is asked on a machine with and without native epoll; option checks. */
class MediaIoBackendTest {
    @Test
    void resolveTable() {
        record Row(MediaIoBackend asked, boolean epollHere, MediaIoBackend runs) {
        }
        for (Row r : new Row[] {
            new Row(MediaIoBackend.AUTO, true, MediaIoBackend.EPOLL),
            new Row(MediaIoBackend.AUTO, false, MediaIoBackend.NIO),
            new Row(MediaIoBackend.NIO, true, MediaIoBackend.NIO),
            new Row(MediaIoBackend.NIO, false, MediaIoBackend.NIO),
            new Row(MediaIoBackend.EPOLL, true, MediaIoBackend.EPOLL)}) {
            assertEquals(r.runs(), MediaIoBackend.resolve(r.asked(), r.epollHere(), "why"), r.toString());
        }
        String m = assertThrows(IllegalStateException.class,
                () -> MediaIoBackend.resolve(MediaIoBackend.EPOLL, false, "no libnetty here")).getMessage();
        assertTrue(m.contains("no libnetty here"), m);
    }

    @Test
    void parsingAndRanges() {
        assertEquals(MediaIoBackend.EPOLL, MediaIoBackend.parse("x", " Epoll "));
        assertEquals(MediaIoBackend.AUTO, MediaIoBackend.parse("x", "auto"));
        String m = assertThrows(IllegalArgumentException.class, () -> MediaIoBackend.parse("--media-io", "uring"))
                .getMessage();
        assertEquals("--media-io must be auto, nio or epoll, got uring", m);
        assertThrows(IllegalArgumentException.class, () -> MediaIoBackend.parse("x", null));
        for (int bad : new int[] {0, 65}) {
            m = assertThrows(IllegalArgumentException.class, () -> IceConfig.builder().ioThreads(bad).build()).getMessage();
            assertTrue(m.contains("ioThreads must be in 1..64"), m);
        }
        IceConfig c = IceConfig.builder().mediaIo(MediaIoBackend.NIO).ioThreads(3).build();
        assertEquals(MediaIoBackend.NIO, c.toBuilder().build().mediaIo());
        assertEquals(3, c.toBuilder().build().ioThreads());
    }
}
