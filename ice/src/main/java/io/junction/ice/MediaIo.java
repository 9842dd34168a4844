package io.junction.ice;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media port's one I/O thread ("junction-media-io-PORT"): a selector over the port's sockets; reads
 * every ready datagram into one reused buffer and hands it to {@link IcePort#onDatagram}; every
 * {@link #SWEEP_MS} runs the sessions' timers ({@link IcePort#sweep}). No thread per session.
 */
final class MediaIo implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(MediaIo.class);
    static final long SWEEP_MS = 250;
    /** Datagrams read from one socket before the others get a turn. */
    private static final int BATCH = 64;

    private final IcePort port;
    private final Selector selector;
    private final Thread thread;
    private final LongSupplier clock;
    private final ByteBuffer rx = ByteBuffer.allocate(65536);
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;

    private final IceTcp tcp;

    MediaIo(IcePort port, List<MediaSocket> sockets, int portNumber, IceTcp tcp, LongSupplier clock) throws IOException {
        this.port = port;
        this.clock = clock;
        this.tcp = tcp;
        this.selector = Selector.open();
        try {
            for (MediaSocket s : sockets) {
                s.channel().register(selector, SelectionKey.OP_READ, s);
            }
            if (tcp != null) {
                tcp.register(selector);
            }
        } catch (IOException | RuntimeException e) {
            selector.close();
            throw e;
        }
        thread = new Thread(this, "junction-media-io-" + portNumber);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        long nextSweep = clock.getAsLong() + SWEEP_MS;
        try {
            while (running) {
                selector.select(SWEEP_MS);
                for (Runnable r; (r = tasks.poll()) != null; ) {
                    r.run();
                }
                for (SelectionKey k : selector.selectedKeys()) {
                    Object a = k.attachment();
                    if (a instanceof MediaSocket s) {
                        readBatch(s);
                    } else if (a instanceof TcpConnection c) {
                        tcp.ready(k, c, clock.getAsLong());
                    } else if (a instanceof IceTcp t && k.isValid() && k.isAcceptable()) {
                        t.accept(k, clock.getAsLong());
                    }
                }
                selector.selectedKeys().clear();
                long now = clock.getAsLong();
                if (now >= nextSweep) {
                    port.sweep(now);
                    nextSweep = now + SWEEP_MS;
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            if (running) {
                LOG.error("media port I/O loop stopped", e);
            }
        } finally {
            try {
                selector.close();
            } catch (IOException e) {
                LOG.debug("closing selector", e);
            }
        }
    }

    private void readBatch(MediaSocket s) {
        for (int i = 0; i < BATCH; i++) {
            rx.clear();
            InetSocketAddress from;
            try {
                from = (InetSocketAddress) s.channel().receive(rx);
            } catch (IOException e) {
                return; // closed, or an ICMP error reported on the socket
            }
            if (from == null) {
                return;
            }
            try {
                port.onDatagram(s, rx.array(), 0, rx.position(), from);
            } catch (RuntimeException e) {
                LOG.warn("datagram from {} failed", from, e);
            }
        }
    }

    /** Runs {@code task} on the I/O thread and waits up to 5 s for it. */
    void runAndWait(Runnable task) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        tasks.add(() -> {
            try {
                task.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        selector.wakeup();
        try {
            done.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("media I/O task did not run: " + e, e);
        }
    }

    /** Stops the thread and waits for it to end (up to 2 s). */
    void close() {
        running = false;
        selector.wakeup();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
