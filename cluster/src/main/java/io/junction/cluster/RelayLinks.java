package io.junction.cluster;

import io.junction.client.ClientSdp;
import io.junction.dtls.DtlsCertificate;
import io.junction.sfu.RelayInbound;
import io.junction.sfu.SfuEngine;
import io.junction.sfu.sdp.SdpException;
import io.junction.sfu.sdp.SdpParser;
import io.junction.sfu.sdp.SessionDescription;
import io.junction.sfu.signal.MediaRights;
import io.junction.sfu.signal.MediaSession;
import io.junction.sfu.signal.Negotiation;
import io.junction.sfu.signal.NegotiationException;
import io.junction.sfu.signal.Reception;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's media relay links: for each room with participants here and on another node, one
 * link per direction and node pair, carrying each local publisher's media to that node ONCE
 * whatever the number of its subscribers there. See {@code package-info} for the design.
 *
 * <p>Sending end ({@link Outbound}): a subscribe-only participant of the local sfu room with
 * {@link Reception#RELAY} (local publishers' tracks only: relayed tracks never go back out, no
 * loops); the server's offers go to the receiving node as {@link RelaySignal}s, its answers come
 * back the same way. Its transport is the engine's ICE-lite port with DTLS-SRTP as for any client.
 *
 * <p>Receiving end ({@link RelayReceiver}): a client peer (full ICE agent, DTLS client) that answers the
 * offers, connects to the sending node's media port and hands the decrypted packets to a
 * {@link RelayInbound} of the local room, where they become local sources attributed to their
 * remote publishers. Their RTCP feedback (NACK, PLI) goes back over the same link.
 *
 * <p>All state is confined to one thread of its own; links follow {@link ClusterNode#roomPeers()}
 * (checked every {@link #RECONCILE_MS} ms) and the negotiation messages.
 */
public final class RelayLinks implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RelayLinks.class);
    /** How often the wanted links are compared with the open ones. */
    static final long RECONCILE_MS = 200;
    /** How long a link the other node refused or closed is not offered again. */
    static final long RETRY_MS = 2_000;

    private record Key(String room, String node) {
    }

    /** The sending end of one link (this node's local publishers to {@code key.node}). */
    private final class Outbound {
        final Key key;
        final String link;
        MediaSession session;
        String lastOffer;

        Outbound(Key key, String link) {
            this.key = key;
            this.link = link;
        }
    }

    private final ClusterNode node;
    private final SfuEngine engine;
    private final String self;
    private final String bindAddress;
    private final DtlsCertificate certificate = DtlsCertificate.generate();
    private final ExecutorService handshakes;
    private final ScheduledThreadPoolExecutor thread;
    private final Map<Key, Outbound> outbound = new HashMap<>();
    private final Map<String, Outbound> outboundByLink = new HashMap<>();
    private final Map<String, RelayReceiver> inbound = new HashMap<>();
    private final Map<Key, Long> refusedUntil = new HashMap<>();
    private final Map<String, AtomicLong> counters = new TreeMap<>();
    private long attempt;
    private volatile int lossOneIn;
    private final RelayReceiver.Events receiverEvents = new RelayReceiver.Events() {
        @Override
        public void connected(RelayReceiver r) {
            LOG.info("relay link {} ({} -> {}, room {}) connected", r.link, r.from, self, r.room);
            count("linksConnected");
        }

        @Override
        public void ended(RelayReceiver r, String reason) {
            thread.execute(() -> safely(() -> inboundEnded(r, reason)));
        }
    };
    private final AtomicLong injectedDrops = new AtomicLong();
    private volatile boolean closed;

    private RelayLinks(ClusterNode node, SfuEngine engine, String bindAddress) {
        this.node = node;
        this.engine = engine;
        this.self = node.nodeId();
        this.bindAddress = bindAddress;
        for (String c : List.of("linksOpened", "linksConnected", "linksClosed", "offersSent", "offersAnswered",
                "refused", "malformed")) {
            counters.put(c, new AtomicLong());
        }
        String name = "junction-relay-" + self;
        thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        handshakes = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, name + "-dtls");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts following {@code node}'s rooms with relay links of {@code engine}'s media; the
     * receiving ends bind their UDP ports to {@code bindAddress} (an IP literal the other nodes'
     * media ports can reach).
     */
    public static RelayLinks start(ClusterNode node, SfuEngine engine, String bindAddress) {
        RelayLinks r = new RelayLinks(node, engine, bindAddress);
        node.onRelaySignal(json -> r.thread.execute(() -> r.safely(() -> r.onSignal(json))));
        r.thread.scheduleWithFixedDelay(() -> r.safely(r::reconcile), 0, RECONCILE_MS, TimeUnit.MILLISECONDS);
        return r;
    }

    private void safely(Runnable task) {
        if (closed) {
            return;
        }
        try {
            task.run();
        } catch (RuntimeException | LinkageError e) {
            LOG.error("relay link task failed", e);
        }
    }

    private void count(String counter) {
        counters.get(counter).incrementAndGet();
    }

    /**
     * Fault injection (tests, drills): drops every {@code oneIn}-th RTP packet arriving on this
     * node's inbound links before the room sees it, as loss on the hop would (0 = none, the
     * default). Counted as {@code injectedDrops}.
     */
    public void injectIncomingLoss(int oneIn) {
        if (oneIn < 0 || oneIn == 1) {
            throw new IllegalArgumentException("oneIn must be 0 (off) or >= 2 (got " + oneIn + ")");
        }
        lossOneIn = oneIn;
    }

    /** Counters: links opened, connected, closed, offers sent and answered, refusals, malformed messages. */
    public Map<String, Long> counters() {
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.get()));
        out.put("injectedDrops", injectedDrops.get());
        return out;
    }

    /** The open links with their counters (outbound ones read from the room's snapshot; admin use, not per packet). */
    public List<RelayLink> links() {
        List<RelayLink> out = new ArrayList<>();
        List<Outbound> outs;
        try {
            outs = thread.submit(() -> {
                inbound.values().forEach(in -> out.add(new RelayLink(in.link, in.room, in.from, "in",
                        in.sources == null ? 0 : in.sources.packetsIn(), in.sources == null ? 0 : in.sources.lost(),
                        in.sources == null ? 0 : in.sources.nacksSent(),
                        in.sources == null ? 0 : in.sources.keyframeRequestsSent())));
                return List.copyOf(outbound.values());
            }).get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            return List.of();
        }
        for (Outbound o : outs) {
            long packets = 0;
            long nacks = 0;
            long keyframes = 0;
            var view = engine.room(o.key.room());
            if (view.isPresent()) {
                for (var p : view.get().participants()) {
                    if (p.id().equals(o.link)) {
                        for (var s : p.subscriptions()) {
                            packets += s.packetsOut();
                        }
                        nacks = p.nacksReceived();
                        keyframes = p.keyframeRequests();
                    }
                }
            }
            out.add(new RelayLink(o.link, o.key.room(), o.key.node(), "out", packets, 0, nacks, keyframes));
        }
        out.sort(java.util.Comparator.comparing(RelayLink::id));
        return out;
    }

    /** Packets received over this node's inbound links (now open), by link id. */
    public Map<String, Long> inboundPackets() {
        try {
            return thread.submit(() -> {
                Map<String, Long> out = new TreeMap<>();
                inbound.forEach((id, in) -> out.put(id, in.sources == null ? 0 : in.sources.packetsIn()));
                return out;
            }).get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            return Map.of();
        }
    }

    /** Opens the links the rooms want, closes those they no longer want. */
    private void reconcile() {
        Map<String, Set<String>> peers = node.roomPeers();
        long now = System.nanoTime() / 1_000_000;
        refusedUntil.values().removeIf(until -> until <= now);
        for (Map.Entry<String, Set<String>> e : peers.entrySet()) {
            if (!engine.hasRoom(e.getKey())) {
                continue; // not an sfu room here (or no media session yet)
            }
            for (String peer : e.getValue()) {
                Key k = new Key(e.getKey(), peer);
                if (!outbound.containsKey(k) && !refusedUntil.containsKey(k)) {
                    openOutbound(k);
                }
            }
        }
        for (Outbound o : new ArrayList<>(outbound.values())) {
            Set<String> nodes = peers.get(o.key.room());
            if (nodes == null || !nodes.contains(o.key.node()) || !engine.hasRoom(o.key.room())) {
                closeOutbound(o, true, "room " + o.key.room() + " no longer has participants here and on node " + o.key.node());
            }
        }
        for (RelayReceiver in : new ArrayList<>(inbound.values())) {
            Set<String> nodes = peers.get(in.room);
            if (nodes == null || !nodes.contains(in.from)) {
                closeInbound(in, true, "node " + in.from + " has no participant of room " + in.room + " any more");
            }
        }
    }

    private void openOutbound(Key k) {
        String link = "relay." + self + "." + k.node() + "." + (++attempt);
        Outbound o = new Outbound(k, link);
        outbound.put(k, o);
        outboundByLink.put(link, o);
        count("linksOpened");
        o.session = engine.join(k.room(), link, "relay to " + k.node(), MediaRights.SUBSCRIBE_ONLY, null,
                Reception.RELAY, n -> {
                    if (n instanceof Negotiation.Offer offer) {
                        thread.execute(() -> safely(() -> sendOffer(o, offer.sdp())));
                    }
                });
        LOG.info("relay link {}: sending room {}'s local tracks to node {}", link, k.room(), k.node());
    }

    private void sendOffer(Outbound o, String sdp) {
        if (outbound.get(o.key) != o) {
            return;
        }
        o.lastOffer = sdp;
        count("offersSent");
        node.sendRelay(new RelaySignal(RelaySignal.Kind.OFFER, o.key.room(), self, o.key.node(), o.link, sdp));
    }

    private void closeOutbound(Outbound o, boolean tell, String reason) {
        if (outbound.get(o.key) == o) {
            outbound.remove(o.key);
        }
        outboundByLink.remove(o.link);
        count("linksClosed");
        LOG.info("relay link {} closed: {}", o.link, reason);
        if (o.session != null) {
            o.session.leave();
        }
        if (tell) {
            node.sendRelay(new RelaySignal(RelaySignal.Kind.CLOSE, o.key.room(), self, o.key.node(), o.link, null));
        }
    }

    private void onSignal(String json) {
        RelaySignal s;
        try {
            s = node.codec().decodeRelay(json);
        } catch (ClusterDecodeException e) {
            count("malformed");
            LOG.debug("dropping a malformed relay signal: {}", e.getMessage());
            return;
        }
        if (!s.to().equals(self)) {
            count("malformed");
            return;
        }
        switch (s.kind()) {
            case OFFER -> onOffer(s);
            case ANSWER -> {
                Outbound o = outboundByLink.get(s.link());
                if (o == null) {
                    return;
                }
                try {
                    o.session.onClientNegotiation(new Negotiation.Answer(s.sdp()));
                    count("offersAnswered");
                } catch (NegotiationException e) {
                    refusedUntil.put(o.key, System.nanoTime() / 1_000_000 + RETRY_MS);
                    closeOutbound(o, true, "answer refused: " + e.getMessage());
                }
            }
            case CLOSE -> {
                Outbound o = outboundByLink.get(s.link());
                if (o != null) {
                    refusedUntil.put(o.key, System.nanoTime() / 1_000_000 + RETRY_MS);
                    closeOutbound(o, false, "closed by node " + s.from());
                }
                RelayReceiver in = inbound.get(s.link());
                if (in != null) {
                    closeInbound(in, false, "closed by node " + s.from());
                }
            }
        }
    }

    /** An offer of {@code s.from()}'s link: opens the receiving end (first offer) or follows its tracks. */
    private void onOffer(RelaySignal s) {
        SessionDescription offer;
        try {
            offer = SdpParser.parse(s.sdp());
        } catch (SdpException e) {
            count("malformed");
            refuse(s, "unparsable offer: " + e.getMessage());
            return;
        }
        RelayReceiver in = inbound.get(s.link());
        if (in == null) {
            for (RelayReceiver old : new ArrayList<>(inbound.values())) {
                if (old.room.equals(s.room()) && old.from.equals(s.from())) {
                    closeInbound(old, false, "replaced by link " + s.link());
                }
            }
            in = new RelayReceiver(s.room(), s.from(), s.link(), bindAddress, certificate, handshakes,
                    receiverEvents, () -> lossOneIn, injectedDrops);
            RelayInbound sources = engine.relayInbound(s.room(), s.link(), in.upstream());
            if (sources == null) {
                in.peer.close();
                refuse(s, "no sfu room " + s.room() + " here");
                return;
            }
            in.sources = sources;
            inbound.put(s.link(), in);
        }
        ClientSdp.Local local = new ClientSdp.Local(in.peer.localCredentials(), in.peer.localFingerprint(),
                in.peer.localCandidates());
        String answer = ClientSdp.answer(local, offer, List.of());
        node.sendRelay(new RelaySignal(RelaySignal.Kind.ANSWER, s.room(), self, s.from(), s.link(), answer));
        in.sources.setTracks(RelayOffer.tracks(offer));
        if (!in.connecting) {
            in.connecting = true;
            try {
                in.connect(offer);
            } catch (RuntimeException e) {
                closeInbound(in, true, "cannot connect: " + e.getMessage());
            }
        }
    }

    private void refuse(RelaySignal s, String reason) {
        count("refused");
        LOG.info("relay link {} from node {} refused: {}", s.link(), s.from(), reason);
        node.sendRelay(new RelaySignal(RelaySignal.Kind.CLOSE, s.room(), self, s.from(), s.link(), null));
    }

    private void inboundEnded(RelayReceiver in, String reason) {
        if (inbound.get(in.link) == in) {
            closeInbound(in, true, reason);
        }
    }

    private void closeInbound(RelayReceiver in, boolean tell, String reason) {
        if (in.ended) {
            return;
        }
        in.ended = true;
        inbound.remove(in.link, in);
        count("linksClosed");
        LOG.info("relay link {} ({} -> {}, room {}) closed: {}", in.link, in.from, self, in.room, reason);
        if (in.sources != null) {
            in.sources.close();
        }
        in.peer.close();
        if (tell) {
            node.sendRelay(new RelaySignal(RelaySignal.Kind.CLOSE, in.room, self, in.from, in.link, null));
        }
    }

    /** Closes every link (telling the other nodes) and the thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            thread.submit(() -> {
                for (Outbound o : new ArrayList<>(outbound.values())) {
                    closeOutbound(o, true, "node stopping");
                }
                for (RelayReceiver in : new ArrayList<>(inbound.values())) {
                    closeInbound(in, true, "node stopping");
                }
            }).get(3, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("closing the relay links failed: {}", e.toString());
        }
        closed = true;
        node.onRelaySignal(null);
        thread.shutdownNow();
        handshakes.shutdownNow();
    }
}
