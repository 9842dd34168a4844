package io.junction.ice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SendBuffersTest {

    @Test
    void holdsExactlyTheBytesAndIsReusedByItsThread() {
        byte[] a = {9, 1, 2, 3, 9};
        ByteBuffer b1 = SendBuffers.of(a, 1, 3);
        assertTrue(b1.isDirect());
        assertEquals(0, b1.position());
        assertEquals(3, b1.remaining());
        byte[] got = new byte[3];
        b1.get(got);
        assertArrayEquals(new byte[] {1, 2, 3}, got);
        ByteBuffer b2 = SendBuffers.of(new byte[SendBuffers.SIZE], 0, SendBuffers.SIZE);
        assertSame(b1, b2, "same thread, same buffer: no allocation per send");
        assertEquals(SendBuffers.SIZE, b2.remaining());
    }

    @Test
    void anotherThreadGetsItsOwnBuffer() throws Exception {
        ByteBuffer mine = SendBuffers.of(new byte[] {1}, 0, 1);
        AtomicReference<ByteBuffer> theirs = new AtomicReference<>();
        Thread t = new Thread(() -> theirs.set(SendBuffers.of(new byte[] {2, 2}, 0, 2)));
        t.start();
        t.join(5000);
        assertNotSame(mine, theirs.get());
        assertEquals(2, theirs.get().remaining());
        assertEquals(1, mine.remaining(), "untouched by the other thread");
    }
}
