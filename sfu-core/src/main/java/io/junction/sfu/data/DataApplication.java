package io.junction.sfu.data;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An application member of a room's data channels (the embedding API): it has a participant id
 * but no association; the room hands it every message addressed to it or to the whole room,
 * unwrapped, on the room worker.
 */
public final class DataApplication {
    private static final Logger LOG = LoggerFactory.getLogger(DataApplication.class);

    /** Receives the room's data messages (room worker thread; keep it short, hand work off). */
    @FunctionalInterface
    public interface Receiver {
        /** A text message when {@code text != null}, else binary. */
        void onMessage(String label, String from, String text, byte[] binary);
    }

    private final String id;
    private final Receiver receiver;
    private long failures;

    DataApplication(String id, Receiver receiver) {
        this.id = id;
        this.receiver = receiver;
    }

    String id() {
        return id;
    }

    long failures() {
        return failures;
    }

    void deliver(String label, String from, String text, byte[] binary) {
        try {
            receiver.onMessage(label, from, text, binary);
        } catch (RuntimeException e) {
            failures++;
            LOG.warn("data: application member {} threw on a message from {} on '{}'", id, from, label, e);
        }
    }
}
