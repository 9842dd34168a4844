package io.junction.server;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One daemon thread that runs the application's callbacks in order, so they may block without
 * stalling a room worker. At most {@code queue} tasks wait; further ones are dropped and counted
 * rather than holding up media. Shared by room events and data-channel callbacks.
 */
final class CallbackThread implements AutoCloseable {
    private final ExecutorService thread;
    private final AtomicLong dropped = new AtomicLong();

    CallbackThread(String name, int queue) {
        this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(queue), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        }, (r, ex) -> dropped.incrementAndGet());
    }

    /** Queues {@code task}, or drops and counts it when the queue is full or the thread stopped. */
    void execute(Runnable task) {
        thread.execute(task);
    }

    long dropped() {
        return dropped.get();
    }

    /** Runs what is queued (up to 1 s), then stops the thread. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(1, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
