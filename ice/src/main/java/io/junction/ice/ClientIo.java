package io.junction.ice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reader thread and timer thread shared by all client transports of the JVM (so hundreds of clients
 * cost two threads plus ice4j's one STUN thread each). Reference-counted: created with the first client,
 * stopped when the last one is freed.
 */
final class ClientIo implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ClientIo.class);
    private static ClientIo instance;
    private static int refs;

    private final Selector selector;
    private final Thread thread;
    private final ScheduledExecutorService timer;
    private final ConcurrentLinkedQueue<ClientSocket> pending = new ConcurrentLinkedQueue<>();
    private final ByteBuffer rx = ByteBuffer.allocate(65536);
    private volatile boolean running = true;

    private ClientIo() throws IOException {
        selector = Selector.open();
        thread = new Thread(this, "junction-ice-client-io");
        thread.setDaemon(true);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "junction-ice-client-timer");
            t.setDaemon(true);
            return t;
        });
        thread.start();
    }

    static synchronized ClientIo acquire() {
        if (instance == null) {
            try {
                instance = new ClientIo();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        refs++;
        return instance;
    }

    static synchronized void release(ClientIo io) {
        if (io != instance) {
            return;
        }
        if (--refs == 0) {
            instance = null;
            io.running = false;
            io.selector.wakeup();
            io.timer.shutdownNow();
        }
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    void register(ClientSocket s) {
        pending.add(s);
        selector.wakeup();
    }

    /** After a channel closes: lets the selector deregister it (and release its descriptor) now. */
    void wakeup() {
        selector.wakeup();
    }

    @Override
    public void run() {
        try {
            while (running) {
                selector.select();
                for (ClientSocket s; (s = pending.poll()) != null; ) {
                    DatagramChannel ch = s.channel();
                    if (ch.isOpen()) {
                        ch.register(selector, SelectionKey.OP_READ, s);
                    }
                }
                for (SelectionKey k : selector.selectedKeys()) {
                    readAll((DatagramChannel) k.channel(), (ClientSocket) k.attachment());
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | ClosedSelectorException e) {
            LOG.warn("client I/O loop stopped", e);
        } finally {
            try {
                selector.close();
            } catch (IOException e) {
                LOG.debug("closing selector", e);
            }
        }
    }

    private void readAll(DatagramChannel ch, ClientSocket s) {
        for (int i = 0; i < 64; i++) {
            rx.clear();
            InetSocketAddress from;
            try {
                from = (InetSocketAddress) ch.receive(rx);
            } catch (IOException e) {
                return; // closed or ICMP error: nothing to read
            }
            if (from == null) {
                return;
            }
            try {
                s.onDatagram(rx.array(), rx.position(), from);
            } catch (RuntimeException e) {
                LOG.warn("datagram handler failed", e);
            }
        }
    }
}
