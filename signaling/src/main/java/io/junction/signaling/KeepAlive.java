package io.junction.signaling;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Runs a keep-alive round at a fixed interval: the server pings every socket (RFC 6455 section
 * 5.5.2) and closes those that stayed silent past the ping timeout ({@link SignalingServer#sweep}).
 * Browsers answer with a pong, so a participant whose page sends nothing for a long call stays,
 * while a dead peer, which answers nothing, is closed. Runs on the Jetty server's scheduler, started and
 * stopped with the WebSocket handler it is a bean of.
 */
final class KeepAlive extends AbstractLifeCycle implements Runnable {
    private final Scheduler scheduler;
    private final Runnable round;
    private final Duration interval;
    private volatile Scheduler.Task task;

    KeepAlive(Scheduler scheduler, Runnable round, Duration interval) {
        this.scheduler = scheduler;
        this.round = round;
        this.interval = interval;
    }

    @Override
    protected void doStart() {
        schedule();
    }

    @Override
    protected void doStop() {
        Scheduler.Task t = task;
        if (t != null) {
            t.cancel();
        }
    }

    @Override
    public void run() {
        if (!isRunning()) {
            return;
        }
        try {
            round.run();
        } finally {
            schedule();
        }
    }

    private void schedule() {
        try {
            task = scheduler.schedule(this, interval);
        } catch (RejectedExecutionException e) {
            // the scheduler is stopping with the server
        }
    }
}
