package io.junction.signaling;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

/**
 * Pings every open signaling socket at a fixed interval (RFC 6455 section 5.5.2). Browsers answer
 * with a pong, so a participant whose page sends nothing for a long call is not closed by the
 * idle timeout, while a dead peer still is. Runs on the Jetty server's scheduler, started and
 * stopped with the WebSocket handler it is a bean of.
 */
final class KeepAlive extends AbstractLifeCycle implements Runnable {
    private final Scheduler scheduler;
    private final ServerWebSocketContainer container;
    private final Duration interval;
    private volatile Scheduler.Task task;

    KeepAlive(Scheduler scheduler, ServerWebSocketContainer container, Duration interval) {
        this.scheduler = scheduler;
        this.container = container;
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
        for (Session session : container.getOpenSessions()) {
            session.sendPing(ByteBuffer.allocate(0), Callback.NOOP);
        }
        schedule();
    }

    private void schedule() {
        try {
            task = scheduler.schedule(this, interval);
        } catch (RejectedExecutionException e) {
            // the scheduler is stopping with the server
        }
    }
}
