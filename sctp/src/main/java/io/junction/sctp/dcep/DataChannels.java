package io.junction.sctp.dcep;

import io.junction.sctp.assoc.Association;
import io.junction.sctp.assoc.AssociationListener;
import io.junction.sctp.assoc.SendOptions;
import io.junction.sctp.assoc.SendStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data channels of one association (RFC 8831, RFC 8832): opens channels with DCEP or on a
 * pre-agreed stream, answers the peer's DATA_CHANNEL_OPEN, maps PPIDs to text and binary,
 * closes channels by stream reset. Stream ids follow the DTLS role: the DTLS client uses even
 * ids, the server odd ones (RFC 8832 §6); a peer's OPEN on a free stream of the other parity is
 * accepted too. It becomes the association's listener.
 */
public final class DataChannels {
    private static final Logger LOG = LoggerFactory.getLogger(DataChannels.class);

    private final Association assoc;
    private final boolean dtlsClient;
    private final Map<Integer, DataChannel> channels = new HashMap<>();
    private final List<DataChannel> waitingForAssociation = new ArrayList<>();
    private Consumer<DataChannel> onChannel = ch -> { };
    private Consumer<String> onClosed = r -> { };
    private Runnable onEstablished = () -> { };
    private int nextId;
    private long dropped;

    public DataChannels(Association assoc, boolean dtlsClient) {
        this.assoc = assoc;
        this.dtlsClient = dtlsClient;
        this.nextId = dtlsClient ? 0 : 1;
        assoc.setListener(new Events());
    }

    Association association() {
        return assoc;
    }

    /** Channels the peer opened with DCEP; set the channel's listener inside the callback. */
    public void onChannel(Consumer<DataChannel> c) {
        this.onChannel = c;
    }

    public void onEstablished(Runnable r) {
        this.onEstablished = r;
    }

    /** The association ended; every channel is closed. */
    public void onClosed(Consumer<String> c) {
        this.onClosed = c;
    }

    /** Messages dropped: unknown stream, bad DCEP, unknown PPID, channel not open. */
    public long droppedMessages() {
        return dropped;
    }

    public DataChannel channel(int id) {
        return channels.get(id);
    }

    /**
     * Opens a channel. Without {@code negotiated}, sends DATA_CHANNEL_OPEN on the next free stream
     * of our parity; the channel is open once the association is. {@code listener} gets its events.
     */
    public DataChannel open(String label, ChannelOptions o, DataChannel.Listener listener) {
        int id = o.negotiated() ? o.id() : freeId();
        if (channels.containsKey(id)) {
            throw new IllegalArgumentException("stream id " + id + " is in use by " + channels.get(id));
        }
        if (id >= assoc.options().streams()) {
            throw new IllegalStateException("no free stream id below " + assoc.options().streams());
        }
        DataChannel ch = new DataChannel(this, id, label, o);
        ch.setListener(listener);
        ch.acked = o.negotiated();
        channels.put(id, ch);
        if (assoc.state() == io.junction.sctp.assoc.State.ESTABLISHED) {
            start(ch);
        } else {
            waitingForAssociation.add(ch);
        }
        return ch;
    }

    private int freeId() {
        while (channels.containsKey(nextId)) {
            nextId += 2;
        }
        int id = nextId;
        nextId += 2;
        return id;
    }

    private void start(DataChannel ch) {
        if (!ch.options().negotiated()) {
            byte[] open = DcepMessage.open(ch.label(), ch.options());
            SendStatus s = assoc.send(ch.id(), Ppid.DCEP, open, 0, open.length, SendOptions.RELIABLE_ORDERED);
            if (s != SendStatus.OK) {
                LOG.warn("DATA_CHANNEL_OPEN for {} not sent: {}", ch, s);
                finish(ch);
                return;
            }
        }
        ch.state = DataChannel.State.OPEN;
        ch.listener().onOpen(ch);
    }

    void close(DataChannel ch) {
        if (ch.state == DataChannel.State.CLOSED || ch.state == DataChannel.State.CLOSING) {
            return;
        }
        ch.state = DataChannel.State.CLOSING;
        waitingForAssociation.remove(ch);
        if (!assoc.resetStreams(ch.id())) {
            finish(ch);
        }
    }

    private void finish(DataChannel ch) {
        if (ch.state == DataChannel.State.CLOSED) {
            return;
        }
        ch.state = DataChannel.State.CLOSED;
        channels.remove(ch.id());
        ch.listener().onClosed(ch);
    }

    private void onDcep(int stream, byte[] data) {
        DataChannel existing = channels.get(stream);
        if (DcepMessage.isAck(data, 0, data.length)) {
            if (existing != null) {
                existing.acked = true;
            } else {
                dropped++;
            }
            return;
        }
        DcepMessage.Open open = DcepMessage.parseOpen(data, 0, data.length);
        if (open == null || existing != null) {
            // malformed, or a stream in use: refuse
            LOG.debug("refusing DATA_CHANNEL_OPEN on stream {}", stream);
            dropped++;
            if (open != null && existing == null) {
                assoc.resetStreams(stream);
            }
            return;
        }
        if ((stream % 2 == 0) == dtlsClient) {
            // RFC 8832 §6 gives this parity to us; some stacks (werift) pick it from the ICE role
            // instead. The stream is free and freeId() skips it from now on, so accept it.
            LOG.debug("DATA_CHANNEL_OPEN on stream {} uses our parity; accepted", stream);
        }
        DataChannel ch = new DataChannel(this, stream, open.label(), open.options());
        ch.acked = true;
        channels.put(stream, ch);
        byte[] ack = DcepMessage.ack();
        assoc.send(stream, Ppid.DCEP, ack, 0, ack.length, SendOptions.RELIABLE_ORDERED);
        ch.state = DataChannel.State.OPEN;
        onChannel.accept(ch);
        ch.listener().onOpen(ch);
    }

    private final class Events implements AssociationListener {
        @Override
        public void onEstablished() {
            List<DataChannel> w = new ArrayList<>(waitingForAssociation);
            waitingForAssociation.clear();
            for (DataChannel ch : w) {
                start(ch);
            }
            onEstablished.run();
        }

        @Override
        public void onMessage(int stream, long ppid, byte[] data) {
            if (ppid == Ppid.DCEP) {
                onDcep(stream, data);
                return;
            }
            DataChannel ch = channels.get(stream);
            if (ch == null || ch.state != DataChannel.State.OPEN) {
                dropped++;
                return;
            }
            ch.acked = true; // RFC 8832 §6: any message from the peer implies it saw the OPEN
            if (ppid == Ppid.STRING) {
                ch.listener().onText(ch, new String(data, StandardCharsets.UTF_8));
            } else if (ppid == Ppid.STRING_EMPTY) {
                ch.listener().onText(ch, "");
            } else if (ppid == Ppid.BINARY) {
                ch.listener().onBinary(ch, data);
            } else if (ppid == Ppid.BINARY_EMPTY) {
                ch.listener().onBinary(ch, new byte[0]);
            } else {
                dropped++;
            }
        }

        @Override
        public void onBufferedAmountDecreased(int stream, long amount) {
            DataChannel ch = channels.get(stream);
            if (ch != null) {
                ch.bufferedAmountDecreased(amount);
            }
        }

        /** The peer closed its side: close ours too (RFC 8831 §6.7). */
        @Override
        public void onIncomingStreamsReset(int[] ids) {
            for (int id : ids) {
                DataChannel ch = channels.get(id);
                if (ch == null) {
                    continue;
                }
                ch.incomingReset = true;
                if (ch.state != DataChannel.State.CLOSING) {
                    ch.state = DataChannel.State.CLOSING;
                    if (!assoc.resetStreams(id)) {
                        finish(ch);
                    }
                } else if (ch.outgoingReset) {
                    finish(ch);
                }
            }
        }

        @Override
        public void onOutgoingStreamsReset(int[] ids) {
            for (int id : ids) {
                DataChannel ch = channels.get(id);
                if (ch == null) {
                    continue;
                }
                ch.outgoingReset = true;
                if (ch.incomingReset) {
                    finish(ch);
                }
            }
        }

        @Override
        public void onClosed(String reason) {
            for (DataChannel ch : new ArrayList<>(channels.values())) {
                finish(ch);
            }
            waitingForAssociation.clear();
            onClosed.accept(reason);
        }
    }
}
