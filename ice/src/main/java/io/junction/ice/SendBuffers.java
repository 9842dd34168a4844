package io.junction.ice;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One direct buffer per sending thread for the media port's sends, found without a hash lookup: a
 * thread claims the slot its id maps to once (compare-and-set, never released while it lives) and
 * finds it again by one array read and one identity check. Threads whose slot is taken, and threads
 * that ended (their slot goes to the next thread that asks), fall back to a {@link ThreadLocal}. The
 * room workers and the I/O thread are few and long-lived, so in practice each has its own slot.
 */
final class SendBuffers {
    /** Largest datagram copied into a direct buffer (larger ones are sent from the heap array). */
    static final int SIZE = 2048;
    private static final int SLOTS = 64;

    private record Slot(Thread owner, ByteBuffer buffer) {
    }

    private static final AtomicReferenceArray<Slot> SLOT = new AtomicReferenceArray<>(SLOTS);
    private static final ThreadLocal<ByteBuffer> OTHERS = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(SIZE));

    private SendBuffers() {
    }

    /** The calling thread's direct buffer holding {@code buf[off, off + len)}, ready to send; len ≤ SIZE. */
    static ByteBuffer of(byte[] buf, int off, int len) {
        ByteBuffer b = mine();
        b.clear();
        b.put(buf, off, len);
        b.flip();
        return b;
    }

    private static ByteBuffer mine() {
        Thread t = Thread.currentThread();
        int i = (int) (t.getId() & (SLOTS - 1));
        Slot s = SLOT.get(i);
        if (s != null && s.owner() == t) {
            return s.buffer();
        }
        if (s == null || !s.owner().isAlive()) {
            Slot claimed = new Slot(t, ByteBuffer.allocateDirect(SIZE));
            if (SLOT.compareAndSet(i, s, claimed)) {
                return claimed.buffer();
            }
        }
        return OTHERS.get();
    }
}
