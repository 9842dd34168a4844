package io.junction.sfu.data;

import io.junction.sctp.assoc.SendStatus;
import io.junction.sctp.dcep.ChannelOptions;
import io.junction.sctp.dcep.DataChannel;
import io.junction.transport.data.SctpTransport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
    private final Map<String, DataApplication> apps = new LinkedHashMap<>();
    long received;
    long delivered;
    long droppedUnreliable;
    long cutOff;
    long tooLarge;
    long noChannel;
    long sendFailed;
    long unknownTarget;
    long badEnvelope;
    long bytesReceived;
    long bytesDelivered;

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
        apps.remove(id);
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

    /**
     * Adds an application member (the embedding API): it receives, unwrapped, every message sent
     * to the room or addressed to {@code id}. Replaces an earlier one of the same id.
     *
     * @throws IllegalArgumentException when a participant with data channels already has this id
     */
    public void attach(String id, DataApplication.Receiver receiver) {
        if (members.containsKey(id)) {
            throw new IllegalArgumentException("participant " + id + " already has data channels in the room");
        }
        apps.put(id, new DataApplication(id, receiver));
    }

    /** Removes an application member. */
    public void detach(String id) {
        apps.remove(id);
    }

    /**
     * A message from application member (or any server-side sender) {@code fromId}: delivered like a
     * participant's, on channel {@code label} (opened toward receivers with {@code options} when
     * they have none), to the whole room ({@code to} empty) or to the named participants.
     * Recipients that are not in the room are counted ({@code unknownTarget}).
     *
     * @return the number of recipients named in {@code to} that are not in the room
     */
    public int send(String fromId, String label, ChannelOptions options, List<String> to, String text,
                    byte[] binary) {
        if ((text == null) == (binary == null)) {
            throw new IllegalArgumentException("exactly one of text and binary");
        }
        received++;
        bytesReceived += text == null ? binary.length : DataParticipant.utf8Length(text);
        long before = unknownTarget;
        deliver(fromId, members.get(fromId), label, options, to, text, binary, null);
        return (int) (unknownTarget - before);
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
        return new DataStats(received, delivered, droppedUnreliable, cutOff, tooLarge, noChannel, sendFailed,
                unknownTarget, badEnvelope, bytesReceived, bytesDelivered);
    }

    /** A message from {@code from} on {@code src}: text when {@code text != null}, else binary. */
    void relay(DataParticipant from, DataChannel src, String text, byte[] binary) {
        received++;
        bytesReceived += text == null ? binary.length : DataParticipant.utf8Length(text);
        List<String> to = List.of();
        if (DataAddress.isAddressed(src.protocol())) {
            DataAddress.Addressed a = text != null ? DataAddress.parseText(text) : DataAddress.parseBinary(binary);
            if (a == null) {
                badEnvelope++;
                notice(src, "bad-envelope", "a message on a '" + DataAddress.PROTOCOL
                        + "' channel must name its recipients (docs/PROTOCOL.md, Targeted delivery)");
                return;
            }
            to = a.to();
            text = a.text();
            binary = a.binary();
        }
        deliver(from.id, from, src.label(), src.options(), to, text, binary, src);
    }

    /**
     * Delivers one message from {@code fromId} to the room ({@code to} empty) or to the named
     * participants. {@code from} is null for an application member; {@code src} (nullable) gets the
     * notices for unknown recipients.
     */
    void deliver(String fromId, DataParticipant from, String label, ChannelOptions options, List<String> to,
                 String text, byte[] binary, DataChannel src) {
        String wrappedText = text == null ? null : DataEnvelope.text(fromId, text);
        byte[] wrappedBinary = text == null ? DataEnvelope.binary(fromId, binary) : null;
        if (text == null && wrappedBinary == null) {
            noChannel++;
            return;
        }
        long bytes = text == null ? wrappedBinary.length : DataParticipant.utf8Length(wrappedText);
        List<DataParticipant> targets;
        List<DataApplication> appTargets;
        if (to.isEmpty()) {
            targets = new ArrayList<>(members.values());
            appTargets = new ArrayList<>(apps.values());
        } else {
            targets = new ArrayList<>(to.size());
            appTargets = new ArrayList<>(0);
            for (String id : new LinkedHashSet<>(to)) {
                DataParticipant p = members.get(id);
                DataApplication app = apps.get(id);
                if (p != null && p != from) {
                    targets.add(p);
                } else if (app != null && !id.equals(fromId)) {
                    appTargets.add(app);
                } else {
                    unknownTarget++;
                    if (src != null) {
                        notice(src, "unknown-target", "no other participant '" + id
                                + "' with data channels in the room");
                    }
                }
            }
        }
        for (DataApplication app : appTargets) {
            if (!app.id().equals(fromId)) {
                delivered++;
                bytesDelivered += text == null ? binary.length : DataParticipant.utf8Length(text);
                app.deliver(label, fromId, text, binary);
            }
        }
        DataParticipant tooSmall = null;
        int tooSmallCount = 0;
        for (DataParticipant p : targets) {
            if (p != from && !sendTo(p, label, options, bytes, wrappedText, wrappedBinary)) {
                tooSmall = tooSmall == null ? p : tooSmall;
                tooSmallCount++;
            }
        }
        if (tooSmall != null && src != null) {
            notice(src, "too-large", "the message is " + bytes + " bytes with its envelope, over the "
                    + "a=max-message-size " + tooSmall.maxMessageSize() + " of participant '" + tooSmall.id + "'"
                    + (tooSmallCount > 1 ? " and " + (tooSmallCount - 1) + " more" : "")
                    + "; it was not delivered to them");
        }
    }

    /** One copy toward {@code to}; false only when it is larger than the receiver accepts. */
    private boolean sendTo(DataParticipant to, String label, ChannelOptions options, long bytes, String wrappedText,
                           byte[] wrappedBinary) {
        if (bytes > to.maxMessageSize()) {
            tooLarge++;
            return false;
        }
        DataChannel dst = to.channelFor(label, options);
        if (dst == null) {
            noChannel++;
            return true;
        }
        if (dst.bufferedAmount() + bytes > maxBufferedPerReceiver) {
            overBound(to, dst);
            return true;
        }
        SendStatus s = wrappedText == null ? dst.send(wrappedBinary) : dst.send(wrappedText);
        switch (s) {
            case OK -> {
                delivered++;
                bytesDelivered += bytes;
            }
            case QUEUE_FULL -> overBound(to, dst);
            case NOT_OPEN -> noChannel++;
            default -> sendFailed++;
        }
        return true;
    }

    /** A server notice to a sender, unless its channel is already over the buffer bound (then only counted). */
    private void notice(DataChannel ch, String kind, String reason) {
        String n = DataEnvelope.notice(kind, reason);
        if (ch.bufferedAmount() + DataParticipant.utf8Length(n) <= maxBufferedPerReceiver) {
            ch.send(n);
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
