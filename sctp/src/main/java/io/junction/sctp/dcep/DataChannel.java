package io.junction.sctp.dcep;

import io.junction.sctp.assoc.SendOptions;
import io.junction.sctp.assoc.SendStatus;
import java.nio.charset.StandardCharsets;

/**
 * One data channel (RFC 8831 §6.4) on a stream of the association. Created by {@link
 * DataChannels#open} or announced through {@link DataChannels#onChannel}. Same thread rules as
 * the association.
 */
public final class DataChannel {
    /** Channel states (the W3C RTCDataChannelState). */
    public enum State { CONNECTING, OPEN, CLOSING, CLOSED }

    /** Events of one channel. */
    public interface Listener {
        default void onOpen(DataChannel ch) {
        }

        default void onText(DataChannel ch, String text) {
        }

        default void onBinary(DataChannel ch, byte[] data) {
        }

        default void onClosed(DataChannel ch) {
        }

        /** The buffered amount fell to the low threshold or below (the W3C bufferedamountlow event). */
        default void onBufferedAmountLow(DataChannel ch) {
        }
    }

    private static final byte[] ZERO = {0};

    private final DataChannels owner;
    private final int id;
    private final String label;
    private final ChannelOptions options;
    private Listener listener = new Listener() {
    };
    State state = State.CONNECTING;
    /** DATA_CHANNEL_ACK received (or not needed): until then messages go ordered (RFC 8832 §6). */
    boolean acked;
    boolean outgoingReset;
    boolean incomingReset;
    private long lowThreshold;
    private boolean lowArmed;

    DataChannel(DataChannels owner, int id, String label, ChannelOptions options) {
        this.owner = owner;
        this.id = id;
        this.label = label;
        this.options = options;
    }

    public int id() {
        return id;
    }

    public String label() {
        return label;
    }

    public String protocol() {
        return options.protocol();
    }

    public ChannelOptions options() {
        return options;
    }

    public State state() {
        return state;
    }

    public void setListener(Listener l) {
        this.listener = l;
    }

    Listener listener() {
        return listener;
    }

    /** Sends a text message (PPID 51, or 56 with one zero byte when empty, RFC 8831 §6.6). */
    public SendStatus send(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return b.length == 0 ? send(Ppid.STRING_EMPTY, ZERO) : send(Ppid.STRING, b);
    }

    /** Sends a binary message (PPID 53, or 57 with one zero byte when empty). */
    public SendStatus send(byte[] data) {
        return data.length == 0 ? send(Ppid.BINARY_EMPTY, ZERO) : send(Ppid.BINARY, data);
    }

    private SendStatus send(long ppid, byte[] data) {
        if (state != State.OPEN) {
            return SendStatus.NOT_OPEN;
        }
        SendStatus s = owner.association().send(id, ppid, data, 0, data.length, sendOptions());
        if (s == SendStatus.OK && bufferedAmount() > lowThreshold) {
            lowArmed = true;
        }
        return s;
    }

    /** Sets the level at or below which {@link Listener#onBufferedAmountLow} fires (default 0). */
    public void setBufferedAmountLowThreshold(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bufferedAmountLowThreshold must be >= 0, was " + bytes);
        }
        lowThreshold = bytes;
    }

    /** From the association: the buffered amount went down to {@code amount}. */
    void bufferedAmountDecreased(long amount) {
        if (lowArmed && amount <= lowThreshold) {
            lowArmed = false;
            listener.onBufferedAmountLow(this);
        }
    }

    SendOptions sendOptions() {
        return new SendOptions(options.ordered() || !acked, options.maxRetransmits(), options.maxPacketLifeTimeMs());
    }

    /** Bytes queued or in flight and not yet acknowledged (the W3C bufferedAmount; a DCEP OPEN counts until acked). */
    public long bufferedAmount() {
        return owner.association().bufferedAmount(id);
    }

    /** Closes the channel by resetting its outgoing stream (RFC 8831 §6.7). */
    public void close() {
        owner.close(this);
    }

    @Override
    public String toString() {
        return "DataChannel[" + id + " '" + label + "' " + state + "]";
    }
}
