package io.junction.sfu.data;

import io.junction.sctp.assoc.State;
import io.junction.sctp.dcep.ChannelOptions;
import io.junction.sctp.dcep.DataChannel;
import io.junction.transport.data.SctpTransport;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One participant's side of the room's data channels: its association, its channels by label,
 * the labels cut off toward it. Room worker only.
 */
public final class DataParticipant {
    final DataRoom room;
    final String id;
    final SctpTransport sctp;
    private final long maxMessageSize;
    private final Map<String, DataChannel> byLabel = new HashMap<>();
    private final Set<String> cutOffLabels = new HashSet<>();
    private final DataChannel.Listener relay = new Relay();

    DataParticipant(DataRoom room, String id, SctpTransport sctp, long peerMaxMessageSize) {
        this.room = room;
        this.id = id;
        this.sctp = sctp;
        long own = sctp.association().options().maxMessageSize();
        this.maxMessageSize = peerMaxMessageSize == 0 ? own : Math.min(peerMaxMessageSize, own);
        sctp.channels().onChannel(ch -> {
            ch.setListener(relay);
            cutOffLabels.remove(ch.label()); // the receiver asked for the label again
            byLabel.putIfAbsent(ch.label(), ch);
        });
    }

    public String id() {
        return id;
    }

    public SctpTransport sctp() {
        return sctp;
    }

    /** Largest message this participant accepts. */
    long maxMessageSize() {
        return maxMessageSize;
    }

    /** Starts the association (DTLS is connected). */
    public void start() {
        sctp.start();
    }

    /** The open channel labelled {@code label}, opening one with DCEP when needed; null if not possible. */
    DataChannel channelFor(String label, ChannelOptions like) {
        DataChannel ch = byLabel.get(label);
        if (ch != null && ch.state() == DataChannel.State.OPEN) {
            return ch;
        }
        if (cutOffLabels.contains(label) || sctp.isClosed() || sctp.association().state() != State.ESTABLISHED) {
            return null;
        }
        ChannelOptions o = new ChannelOptions(like.ordered(), like.maxRetransmits(), like.maxPacketLifeTimeMs(),
                like.protocol(), false, -1, like.priority());
        try {
            ch = sctp.channels().open(label, o, relay);
        } catch (IllegalStateException e) {
            return null; // no free stream id
        }
        byLabel.put(label, ch);
        return ch.state() == DataChannel.State.OPEN ? ch : null;
    }

    /** Notice, then close: the receiver's reliable channel exceeded its buffer bound. */
    void cutOff(DataChannel ch, String reason) {
        cutOffLabels.add(ch.label());
        byLabel.remove(ch.label(), ch);
        ch.send(DataEnvelope.notice("cut-off", reason));
        ch.close();
    }

    static long utf8Length(String s) {
        return DataEnvelope.utf8Length(s);
    }

    private final class Relay implements DataChannel.Listener {
        @Override
        public void onText(DataChannel ch, String text) {
            room.relay(DataParticipant.this, ch, text, null);
        }

        @Override
        public void onBinary(DataChannel ch, byte[] data) {
            room.relay(DataParticipant.this, ch, null, data);
        }

        @Override
        public void onClosed(DataChannel ch) {
            byLabel.remove(ch.label(), ch);
        }
    }
}
