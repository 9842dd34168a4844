package io.junction.server;

import io.junction.sctp.dcep.ChannelOptions;
import io.junction.sfu.EngineData;
import io.junction.sfu.data.DataStats;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Data channels for the embedding application (docs/PROTOCOL.md, "Data channels in an sfu
 * room"): the application becomes a data member of a room under an id of its choosing, receives
 * what participants send to the room or to that id, and sends to the room or to named
 * participants. Participants see its messages in the usual envelope with {@code from} = that id,
 * and can address it on a {@code junction-to} channel. Choose ids that cannot be participant ids
 * (the server's are {@code p<n>} or {@code <node>-p<n>}), e.g. {@code "bot"}.
 *
 * <p>Callbacks run on one thread of this Junction's own, in order (they may block); at most
 * {@value #QUEUE} messages wait, further ones are dropped and counted ({@link #callbacksDropped()}).
 */
public final class DataApi implements AutoCloseable {
    static final int QUEUE = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(DataApi.class);

    /** A message an application member received. {@code text} is null for a binary message. */
    public record Message(String room, String label, String from, String text, byte[] binary) {
        public boolean isText() {
            return text != null;
        }
    }

    /** Receives an application member's messages (on the data callback thread). */
    @FunctionalInterface
    public interface Callbacks {
        void onMessage(Message m);
    }

    private final EngineData data;
    private final CallbackThread thread;

    DataApi(EngineData data, String threadName) {
        this.data = data;
        this.thread = new CallbackThread(threadName, QUEUE);
    }

    /**
     * Makes the application the data member {@code id} of {@code room}, for as long as it is
     * attached (the room may come and go with its participants). Replaces earlier callbacks of
     * the same id.
     */
    public void attach(String room, String id, Callbacks callbacks) {
        Objects.requireNonNull(callbacks, "callbacks");
        data.attach(room, id, (label, from, text, binary) -> thread.execute(() -> {
            try {
                callbacks.onMessage(new Message(room, label, from, text, binary));
            } catch (RuntimeException e) {
                LOG.warn("data callbacks of {} in room {} failed", id, room, e);
            }
        }));
    }

    /** Ends the application's membership {@code id} of {@code room}. */
    public void detach(String room, String id) {
        data.detach(room, id);
    }

    /**
     * Sends text as {@code fromId} on the reliable ordered channel {@code label} to the room
     * ({@code to} empty) or the named participants. Completes with the number of named recipients
     * not in the room; fails when the room has no participant.
     */
    public CompletableFuture<Integer> send(String room, String fromId, String label, List<String> to, String text) {
        return send(room, fromId, label, ChannelOptions.RELIABLE, to, Objects.requireNonNull(text, "text"), null);
    }

    /** As {@link #send(String, String, String, List, String)}, a binary message. */
    public CompletableFuture<Integer> send(String room, String fromId, String label, List<String> to, byte[] binary) {
        return send(room, fromId, label, ChannelOptions.RELIABLE, to, null, Objects.requireNonNull(binary, "binary"));
    }

    /**
     * A message with the channel options a receiver's channel gets when the server opens it
     * (exactly one of {@code text} and {@code binary}).
     */
    public CompletableFuture<Integer> send(String room, String fromId, String label, ChannelOptions options,
                                           List<String> to, String text, byte[] binary) {
        return data.send(room, fromId, label, options, to, text, binary);
    }

    /** Each open room's data-channel counters. */
    public Map<String, DataStats> stats() {
        return data.stats();
    }

    /** One room's data-channel counters, empty when the room has no participant. */
    public java.util.Optional<DataStats> stats(String room) {
        return data.stats(room);
    }

    /** Engine-wide data-channel counters since start (closed rooms included). */
    public DataStats totals() {
        return data.totals();
    }

    /** Messages not handed to callbacks because the queue was full. */
    public long callbacksDropped() {
        return thread.dropped();
    }

    /** Delivers what is queued (up to 1 s), then stops the callback thread. */
    @Override
    public void close() {
        thread.close();
    }
}
