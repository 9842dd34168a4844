package io.junction.signaling;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection's bounded queue of outgoing text frames, sent one at a time with the socket's
 * asynchronous send. {@link #send} never blocks, so a slow reader never stalls a room. When
 * more than {@code limit} frames wait, the connection is closed with reason
 * {@code protocol-closed} (on {@code closer}, never on the caller's thread, which may hold the
 * room registry's lock).
 */
final class Outbox {
    /** WebSocket close status "policy violation" (RFC 6455 section 7.4.1). */
    static final int POLICY_VIOLATION = 1008;
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    /** The socket side of an outbox. */
    interface Wire extends FrameWire {
    }

    private final Wire wire;
    private final int limit;
    private final Executor closer;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private boolean sending;
    private boolean closed;
    /** Set by {@link #finish}: close with this status and reason once the queue has drained. */
    private Integer finishStatus;
    private String finishReason;

    Outbox(Wire wire, int limit, Executor closer) {
        this.wire = wire;
        this.limit = limit;
        this.closer = closer;
    }

    /** Queues a frame; dropped once the outbox is closed. */
    void send(String text) {
        boolean overflow = false;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (queue.size() >= limit) {
                closed = true;
                queue.clear();
                overflow = true;
            } else {
                queue.add(text);
            }
        }
        if (overflow) {
            LOG.info("outgoing queue over {} frames, closing the connection", limit);
            closer.execute(() -> wire.close(POLICY_VIOLATION, ErrorCodes.PROTOCOL_CLOSED));
            return;
        }
        pump();
    }

    /** Stops sending; later frames are dropped. */
    synchronized void close() {
        closed = true;
        finishStatus = null;
        queue.clear();
    }

    /**
     * Queues {@code last} (even past the limit), refuses every later frame, and closes the socket
     * with {@code status} and {@code reason} once everything queued has been sent, so the client
     * reads why it is being closed.
     */
    void finish(String last, int status, String reason) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(last);
            finishStatus = status;
            finishReason = reason;
        }
        pump();
    }

    /** True when nothing waits and nothing is being sent. */
    synchronized boolean idle() {
        return queue.isEmpty() && !sending;
    }

    /** Closes the socket with {@code status} (on the closer, never on the caller's thread). */
    void closeSocket(int status, String reason) {
        closer.execute(() -> wire.close(status, reason));
    }

    /** Frames waiting (for tests and metrics). */
    synchronized int pending() {
        return queue.size();
    }

    private void pump() {
        String next;
        int status;
        String reason;
        synchronized (this) {
            if (sending || closed && finishStatus == null) {
                return;
            }
            next = queue.poll();
            if (next != null) {
                sending = true;
            } else if (finishStatus == null) {
                return;
            }
            status = finishStatus == null ? 0 : finishStatus;
            reason = finishReason;
            if (next == null) {
                finishStatus = null;
            }
        }
        if (next != null) {
            wire.sendText(next, this::sent, this::failed);
        } else {
            closer.execute(() -> wire.close(status, reason));
        }
    }

    private void sent() {
        synchronized (this) {
            sending = false;
        }
        pump();
    }

    private void failed(Throwable t) {
        LOG.debug("send failed, dropping the outgoing queue", t);
        synchronized (this) {
            sending = false;
            closed = true;
            finishStatus = null;
            queue.clear();
        }
    }
}
