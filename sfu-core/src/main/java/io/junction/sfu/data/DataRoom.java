package io.junction.sfu.data;

import io.junction.sctp.assoc.SendStatus;
import io.junction.sctp.dcep.ChannelOptions;
import io.junction.sctp.dcep.DataChannel;
import io.junction.transport.data.SctpTransport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Room-wide data channels: a participant's channel with label L is terminated here, and each
 * message on it goes to every other participant's channel labelled L, opened by the server with
 * DCEP (RFC 8832) and the sender's options when the receiver has none. Messages carry the
 * sender's id ({@link DataEnvelope}).
 *
 * <p>Backpressure: a receiver channel may hold at most {@code maxBufferedPerReceiver} bytes not yet
 * acknowledged. Over it, a copy for an unreliable channel (max-retransmits or max-lifetime set) is
 * dropped and counted; a reliable channel is cut off — a {@code cut-off} notice, then the channel
 * is closed (stream reset) — instead of growing memory. The server does not reopen a cut-off label
 * toward that receiver until the receiver opens one itself.
 *
 * <p>Threading: everything runs on the room's worker, including the SCTP callbacks (each
 * participant's {@link SctpTransport} is owned by that worker); no locks.
 */
public final class DataRoom {
    private static final Logger LOG = LoggerFactory.getLogger(DataRoom.class);
    /** Default bound of bytes buffered per receiver channel. */
    public static final long DEFAULT_MAX_BUFFERED = 1024 * 1024;

    private final long maxBufferedPerReceiver;
    private final Map<String, DataParticipant> members = new LinkedHashMap<>();
    long received;
    long delivered;
    long droppedUnreliable;
    long cutOff;
    long tooLarge;
    long noChannel;
    long sendFailed;

    public DataRoom() {
        this(DEFAULT_MAX_BUFFERED);
    }

    public DataRoom(long maxBufferedPerReceiver) {
        if (maxBufferedPerReceiver < 1) {
            throw new IllegalArgumentException("maxBufferedPerReceiver must be >= 1, was " + maxBufferedPerReceiver);
        }
        this.maxBufferedPerReceiver = maxBufferedPerReceiver;
    }

    /**
     * Adds a participant's data transport (its data section was accepted). Replaces (and closes)
     * an earlier one of the same id.
     *
     * @param peerMaxMessageSize the participant's {@code a=max-message-size}; 0 means no limit
     */
    public DataParticipant join(String id, SctpTransport sctp, long peerMaxMessageSize) {
        DataParticipant old = members.remove(id);
        if (old != null) {
            old.sctp.close("replaced");
        }
        DataParticipant p = new DataParticipant(this, id, sctp, peerMaxMessageSize);
        members.put(id, p);
        return p;
    }

    /** The participant's data transport, or null. */
    public DataParticipant member(String id) {
        return members.get(id);
    }

    /** Removes a participant and aborts its association. */
    public void leave(String id, String reason) {
        DataParticipant p = members.remove(id);
        if (p != null) {
            p.sctp.close(reason);
        }
    }

    /** Runs every association's timers; call from the room's tick. */
    public void tick(long nowMs) {
        for (DataParticipant p : members.values()) {
            p.sctp.tick(nowMs);
        }
    }

    /** Closes every association (room closing). */
    public void close(String reason) {
        for (DataParticipant p : new ArrayList<>(members.values())) {
            p.sctp.close(reason);
        }
        members.clear();
    }

    public int size() {
        return members.size();
    }

    public DataStats stats() {
        return new DataStats(received, delivered, droppedUnreliable, cutOff, tooLarge, noChannel, sendFailed);
    }

    /** A message from {@code from} on {@code src}: text when {@code text != null}, else binary. */
    void relay(DataParticipant from, DataChannel src, String text, byte[] binary) {
        received++;
        String label = src.label();
        String wrappedText = text == null ? null : DataEnvelope.text(from.id, text);
        byte[] wrappedBinary = text == null ? DataEnvelope.binary(from.id, binary) : null;
        if (text == null && wrappedBinary == null) {
            noChannel++;
            return;
        }
        long bytes = text == null ? wrappedBinary.length : DataParticipant.utf8Length(wrappedText);
        List<DataParticipant> targets = new ArrayList<>(members.values());
        for (DataParticipant to : targets) {
            if (to == from) {
                continue;
            }
            if (bytes > to.maxMessageSize()) {
                tooLarge++;
                continue;
            }
            DataChannel dst = to.channelFor(label, src.options());
            if (dst == null) {
                noChannel++;
                continue;
            }
            if (dst.bufferedAmount() + bytes > maxBufferedPerReceiver) {
                overBound(to, dst);
                continue;
            }
            SendStatus s = text == null ? dst.send(wrappedBinary) : dst.send(wrappedText);
            switch (s) {
                case OK -> delivered++;
                case QUEUE_FULL -> overBound(to, dst);
                case NOT_OPEN -> noChannel++;
                default -> sendFailed++;
            }
        }
    }

    private void overBound(DataParticipant to, DataChannel dst) {
        ChannelOptions o = dst.options();
        if (o.maxRetransmits() >= 0 || o.maxPacketLifeTimeMs() >= 0) {
            droppedUnreliable++;
            return;
        }
        cutOff++;
        String reason = "receiver too slow: " + dst.bufferedAmount() + " bytes buffered on channel '"
                + dst.label() + "', limit " + maxBufferedPerReceiver;
        LOG.info("data: cutting off {} channel '{}': {}", to.id, dst.label(), reason);
        to.cutOff(dst, reason);
    }
}
