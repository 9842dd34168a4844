package io.junction.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.sctp.assoc.AssociationOptions;
import io.junction.sctp.assoc.SendStatus;
import io.junction.sctp.dcep.ChannelOptions;
import io.junction.sctp.dcep.DataChannel;
import io.junction.sfu.data.DataAddress;
import io.junction.sfu.data.DataEnvelope;
import io.junction.transport.data.SctpTransport;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The data channels of a {@link SfuParticipantClient} (a Java participant): an SCTP association
 * over its DTLS transport, run on one thread of its own, with the server's sender envelope
 * ({@link DataEnvelope}) unwrapped into {@link Message}s. Thread-safe facade: every call hops to
 * that thread.
 */
public final class ClientDataChannels implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** MTU of the SCTP packets: fits a DTLS record in 1200 bytes with any negotiated cipher. */
    static final int MTU = 1120;

    /**
     * A received message: from the named participant (null for a server notice), with the
     * {@link System#nanoTime()} at which the channel delivered it.
     */
    public record Message(String label, String from, String text, byte[] binary, String notice, long receivedAtNanos) {
        public boolean isText() {
            return text != null;
        }
    }

    private final ScheduledExecutorService owner;
    private final SctpTransport sctp;
    private final Map<String, Channel> byLabel = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Channel>> waiting = new ConcurrentHashMap<>();
    /** The server's a=max-message-size (RFC 8841 §6; 0: no limit), as a browser's RTCSctpTransport.maxMessageSize. */
    private volatile long remoteMaxMessageSize;

    ClientDataChannels(SctpTransport.Sender sender) {
        this.owner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "junction-client-sctp");
            t.setDaemon(true);
            return t;
        });
        AssociationOptions opt = AssociationOptions.DEFAULTS.withMtu(MTU)
                .withBuffers(ClientSdp.MAX_MESSAGE_SIZE, 2L * 1024 * 1024, 2L * 1024 * 1024);
        this.sctp = new SctpTransport(opt, true, System::currentTimeMillis, new SecureRandom(), sender, owner);
        owner.execute(() -> sctp.channels().onChannel(ch -> adopt(ch)));
        owner.scheduleAtFixedRate(() -> sctp.tick(System.currentTimeMillis()), 10, 10, TimeUnit.MILLISECONDS);
    }

    /** A DTLS application-data record (DTLS receive thread). */
    boolean offer(byte[] buf, int off, int len) {
        return sctp.offer(buf, off, len);
    }

    /** The server's {@code a=max-message-size}: larger messages are refused with {@link SendStatus#TOO_LARGE}. */
    void remoteMaxMessageSize(long bytes) {
        remoteMaxMessageSize = bytes;
    }

    /** The largest message the server takes (its {@code a=max-message-size}); 0 before negotiation or no limit. */
    public long maxMessageSize() {
        return remoteMaxMessageSize;
    }

    private boolean overRemoteLimit(long bytes) {
        long max = remoteMaxMessageSize;
        return max > 0 && bytes > max;
    }

    /** DTLS is up and the data section negotiated: start the association. */
    void start() {
        owner.execute(sctp::start);
    }

    /** Opens a channel with DCEP; completes when it is open. */
    public CompletableFuture<Channel> open(String label, ChannelOptions options) {
        CompletableFuture<Channel> f = new CompletableFuture<>();
        owner.execute(() -> {
            Channel c = new Channel(label);
            DataChannel ch = sctp.channels().open(label, options, c.listener(f));
            c.channel = ch;
            byLabel.putIfAbsent(label, c);
        });
        return f;
    }

    /** Completes with the channel labelled {@code label}, ours or one the server opened toward us. */
    public CompletableFuture<Channel> channel(String label) {
        Channel c = byLabel.get(label);
        if (c != null) {
            return CompletableFuture.completedFuture(c);
        }
        CompletableFuture<Channel> f = waiting.computeIfAbsent(label, l -> new CompletableFuture<>());
        c = byLabel.get(label);
        if (c != null) {
            f.complete(c);
        }
        return f;
    }

    private void adopt(DataChannel ch) {
        Channel c = new Channel(ch.label());
        c.channel = ch;
        ch.setListener(c.listener(null));
        byLabel.putIfAbsent(ch.label(), c);
        CompletableFuture<Channel> f = waiting.remove(ch.label());
        if (f != null) {
            f.complete(byLabel.get(ch.label()));
        }
    }

    /** The association's state and counters, for diagnostics. */
    public String describe() {
        try {
            return CompletableFuture.supplyAsync(() -> sctp.association().state() + " " + sctp.association().stats()
                    + " notSent=" + sctp.notSent() + " inboundDropped=" + sctp.inboundDropped(), owner)
                    .get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            return "unavailable: " + e;
        }
    }

    /** Records dropped before the association (queue full). */
    public long inboundDropped() {
        return sctp.inboundDropped();
    }

    @Override
    public synchronized void close() {
        if (owner.isShutdown()) {
            return; // idempotent: the participant's close closes us too
        }
        owner.execute(() -> sctp.close("client closed"));
        owner.shutdown();
    }

    /** One channel; messages arrive in {@link #received()}. */
    public final class Channel {
        final String label;
        volatile DataChannel channel;
        private final LinkedBlockingQueue<Message> received = new LinkedBlockingQueue<>();
        private final CompletableFuture<Void> closed = new CompletableFuture<>();

        Channel(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The channel's options: ours, or the ones the peer announced in its DATA_CHANNEL_OPEN. */
        public ChannelOptions options() {
            return channel.options();
        }

        public LinkedBlockingQueue<Message> received() {
            return received;
        }

        public CompletableFuture<Void> closed() {
            return closed;
        }

        public DataChannel.State state() {
            return channel.state();
        }

        /** Sends text; {@link SendStatus#TOO_LARGE} over the server's max-message-size (as a browser throws). */
        public CompletableFuture<SendStatus> send(String text) {
            if (overRemoteLimit(DataEnvelope.utf8Length(text))) {
                return CompletableFuture.completedFuture(SendStatus.TOO_LARGE);
            }
            return CompletableFuture.supplyAsync(() -> channel.send(text), owner);
        }

        /** Sends binary; {@link SendStatus#TOO_LARGE} over the server's max-message-size. */
        public CompletableFuture<SendStatus> send(byte[] data) {
            if (overRemoteLimit(data.length)) {
                return CompletableFuture.completedFuture(SendStatus.TOO_LARGE);
            }
            return CompletableFuture.supplyAsync(() -> channel.send(data), owner);
        }

        /**
         * On a channel opened with protocol {@link DataAddress#PROTOCOL}: a text message to the
         * named participants only (all of the room when {@code to} is empty).
         */
        public CompletableFuture<SendStatus> sendTo(List<String> to, String text) {
            return send(DataAddress.text(to, text));
        }

        /** On an addressed channel: a binary message to the named participants only. */
        public CompletableFuture<SendStatus> sendTo(List<String> to, byte[] data) {
            byte[] m = DataAddress.binary(to, data);
            if (m == null) {
                return CompletableFuture.failedFuture(new IllegalArgumentException("too many or too long ids"));
            }
            return send(m);
        }

        public CompletableFuture<Long> bufferedAmount() {
            return CompletableFuture.supplyAsync(() -> channel.bufferedAmount(), owner);
        }

        public void close() {
            owner.execute(() -> channel.close());
        }

        DataChannel.Listener listener(CompletableFuture<Channel> opened) {
            return new DataChannel.Listener() {
                @Override
                public void onOpen(DataChannel ch) {
                    if (opened != null) {
                        opened.complete(Channel.this);
                    }
                }

                @Override
                public void onText(DataChannel ch, String text) {
                    received.add(parseText(label, text));
                }

                @Override
                public void onBinary(DataChannel ch, byte[] data) {
                    DataEnvelope.Binary b = DataEnvelope.parseBinary(data);
                    received.add(b == null ? new Message(label, null, null, data, "not an envelope", System.nanoTime())
                            : new Message(label, b.from(), null, b.payload(), null, System.nanoTime()));
                }

                @Override
                public void onClosed(DataChannel ch) {
                    closed.complete(null);
                    if (opened != null) {
                        opened.completeExceptionally(new IllegalStateException("channel " + label + " closed"));
                    }
                }
            };
        }
    }

    static Message parseText(String label, String text) {
        try {
            JsonNode n = JSON.readTree(text);
            if (n.has("server")) {
                return new Message(label, null, null, null, n.path("server").asText() + ": "
                        + n.path("reason").asText(), System.nanoTime());
            }
            return new Message(label, n.path("from").asText(), n.path("data").asText(), null, null, System.nanoTime());
        } catch (java.io.IOException e) {
            return new Message(label, null, text, null, "not an envelope", System.nanoTime());
        }
    }
}
