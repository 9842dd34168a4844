package io.junction.sfu.worker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One worker thread running the rooms pinned to it: control tasks, inbound packet queues and
 * periodic tickers. See the package documentation for the threading model.
 */
public final class WorkerLoop implements AutoCloseable {

    /** Called on the loop thread every tick period with the loop's clock in milliseconds. */
    @FunctionalInterface
    public interface Ticker {
        void tick(long nowMs);
    }

    private static final Logger LOG = LoggerFactory.getLogger(WorkerLoop.class);
    private static final int BATCH = 64;

    private final Thread thread;
    private final LongSupplier clockMs;
    private final long tickMs;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ArrayBlockingQueue<InboundQueue> ready;
    private final List<Ticker> tickers = new ArrayList<>();
    private volatile boolean running = true;
    private long nextTick;

    /**
     * @param name       thread name
     * @param clockMs    monotonic milliseconds
     * @param tickMs     ticker period in [1, 1000] ms
     * @param maxSources most inbound queues that can be ready at once
     */
    public WorkerLoop(String name, LongSupplier clockMs, long tickMs, int maxSources) {
        if (tickMs < 1 || tickMs > 1000) {
            throw new IllegalArgumentException("tickMs must be in [1, 1000], got " + tickMs);
        }
        this.clockMs = clockMs;
        this.tickMs = tickMs;
        this.ready = new ArrayBlockingQueue<>(maxSources);
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Runs {@code task} on the loop thread. */
    public void execute(Runnable task) {
        tasks.add(task);
        LockSupport.unpark(thread);
    }

    /** Runs {@code task} on the loop thread and returns its result. */
    public <T> CompletableFuture<T> submit(Supplier<T> task) {
        CompletableFuture<T> f = new CompletableFuture<>();
        execute(() -> {
            try {
                f.complete(task.get());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f;
    }

    /** Adds a ticker; call from any thread. */
    public void addTicker(Ticker t) {
        execute(() -> tickers.add(t));
    }

    /** Removes a ticker; call from any thread. */
    public void removeTicker(Ticker t) {
        execute(() -> tickers.remove(t));
    }

    /** True when called on this loop's thread. */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** The loop's clock. */
    public long nowMs() {
        return clockMs.getAsLong();
    }

    void markReady(InboundQueue q) {
        if (!ready.offer(q)) {
            // Cannot happen while maxSources bounds the number of queues; recover by polling later.
            LOG.warn("ready list full on {}", thread.getName());
            execute(() -> markReady(q));
            return;
        }
        LockSupport.unpark(thread);
    }

    private void run() {
        nextTick = clockMs.getAsLong() + tickMs;
        while (running) {
            boolean worked = runTasks();
            worked |= drainReady();
            long now = clockMs.getAsLong();
            if (now >= nextTick) {
                nextTick = now + tickMs;
                for (int i = 0; i < tickers.size(); i++) {
                    try {
                        tickers.get(i).tick(now);
                    } catch (RuntimeException e) {
                        LOG.error("ticker failed on {}", thread.getName(), e);
                    }
                }
                worked = true;
            }
            if (!worked && tasks.isEmpty() && ready.isEmpty()) {
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(Math.max(1, nextTick - now)));
            }
        }
        runTasks();
    }

    private boolean runTasks() {
        boolean worked = false;
        Runnable r;
        while ((r = tasks.poll()) != null) {
            worked = true;
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.error("task failed on {}", thread.getName(), e);
            }
        }
        return worked;
    }

    private boolean drainReady() {
        boolean worked = false;
        int n = ready.size();
        for (int i = 0; i < n; i++) {
            InboundQueue q = ready.poll();
            if (q == null) {
                break;
            }
            worked = true;
            try {
                q.drain(BATCH);
            } catch (RuntimeException e) {
                LOG.error("packet handler failed on {}", thread.getName(), e);
            }
            if (q.hasMore()) {
                ready.offer(q);
            }
        }
        return worked;
    }

    /** Stops the thread after the tasks already queued; waits up to 2 s. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        if (!inLoop()) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
