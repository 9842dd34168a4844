package io.junction.ice;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.LongAdder;

/**
 * Admits datagrams to {@link IceTransport.Listener#onData}: a client's agent only those from the selected
 * pair's remote address; an ICE-lite session ({@code anySource}) those from every address that passed a
 * valid check (the port routes only those to it).
 *
 * <p>Before the pair is selected, up to {@link #MAX_EARLY} datagrams are copied and held (a DTLS
 * ClientHello can overtake the controlled side's nomination); {@link #open} replays those from the
 * selected address right after {@code onConnected}. The listener is never called by two threads at once:
 * until the gate is open every call happens under its lock, and the selected address is published only
 * after the replay.
 */
final class DataGate {
    static final int MAX_EARLY = 16;

    private final IceTransport.Listener listener;
    private final boolean anySource;
    private final Object lock = new Object();
    private final ArrayDeque<Early> early = new ArrayDeque<>();
    private final LongAdder received = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder droppedNotSelected = new LongAdder();
    private final LongAdder droppedEarly = new LongAdder();
    private volatile InetSocketAddress selected;
    private boolean closed;

    private record Early(byte[] data, InetSocketAddress from) {
    }

    DataGate(IceTransport.Listener listener, boolean anySource) {
        this.listener = listener;
        this.anySource = anySource;
    }

    void deliver(byte[] buf, int off, int len, InetSocketAddress from) {
        received.increment();
        InetSocketAddress sel = selected;
        if (sel != null) {
            pass(sel, buf, off, len, from);
            return;
        }
        synchronized (lock) {
            sel = selected;
            if (sel != null) {
                pass(sel, buf, off, len, from);
            } else if (closed || early.size() >= MAX_EARLY) {
                droppedEarly.increment();
            } else {
                byte[] copy = new byte[len];
                System.arraycopy(buf, off, copy, 0, len);
                early.add(new Early(copy, from));
            }
        }
    }

    private void pass(InetSocketAddress sel, byte[] buf, int off, int len, InetSocketAddress from) {
        if (!anySource && !sel.equals(from)) {
            droppedNotSelected.increment();
            return;
        }
        delivered.increment();
        listener.onData(buf, off, len);
    }

    /** Calls onConnected, replays held datagrams from {@code remote}, then opens the fast path. */
    void open(InetSocketAddress remote) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            listener.onConnected();
            for (Early e; (e = early.poll()) != null; ) {
                pass(remote, e.data, 0, e.data.length, e.from);
            }
            selected = remote;
        }
    }

    void close() {
        synchronized (lock) {
            closed = true;
            early.clear();
            selected = null;
        }
    }

    int held() {
        synchronized (lock) {
            return early.size();
        }
    }

    IceTransport.Listener listener() {
        return listener;
    }

    InetSocketAddress selected() {
        return selected;
    }

    long received() {
        return received.sum();
    }

    long delivered() {
        return delivered.sum();
    }

    long droppedNotSelected() {
        return droppedNotSelected.sum();
    }

    long droppedEarly() {
        return droppedEarly.sum();
    }
}
