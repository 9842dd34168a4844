package io.junction.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.junction.dtls.DtlsCertificate;
import io.junction.dtls.DtlsRole;
import io.junction.dtls.Fingerprint;
import io.junction.ice.Candidate;
import io.junction.ice.IceCredentials;
import io.junction.rtp.RtpPacket;
import io.junction.sfu.sdp.MediaDescription;
import io.junction.sfu.sdp.SdpParser;
import io.junction.sfu.sdp.SessionDescription;
import io.junction.srtp.SrtpProfile;
import io.junction.transport.client.ClientPeer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A simulated participant of an {@code sfu} room: PROTOCOL.md signaling, SDP, ICE, DTLS and SRTP
 * through {@link ClientPeer}. It can publish an audio and a video track and records every stream
 * it receives ({@link ReceivedStream}, keyed by the SSRC the server announced).
 */
public final class SfuParticipantClient implements RoomPeer {
    private static final Logger LOG = LoggerFactory.getLogger(SfuParticipantClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SignalingClient signaling;
    private final String room;
    private final ClientPeer peer;
    private volatile ClientSdp.Local local;
    private final List<ClientSdp.Publish> publish;
    private final Map<Long, ReceivedStream> received = new ConcurrentHashMap<>();
    private final CompletableFuture<String> joined = new CompletableFuture<>();
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private final List<JsonNode> events = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<RtcpTap> rtcpTaps = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile RtpTap rtpTap;
    private volatile boolean peerStarted;
    private boolean localOfferPending;
    private boolean published;
    private SessionDescription lastRemote;
    private volatile String id;
    private volatile int offersAnswered;
    private volatile ClientDataChannels data;
    private boolean dataNegotiated;
    private boolean dataOfferWanted;

    /**
     * @param server     e.g. {@code ws://127.0.0.1:8080/ws}
     * @param publishAv  publish one audio and one video track
     */
    public SfuParticipantClient(URI server, String room, String name, boolean publishAv,
                                DtlsCertificate certificate, Executor handshakeExecutor) {
        this(server, room, name, null, publishAv, certificate, handshakeExecutor);
    }

    /** As the other constructor, joining with an authentication {@code token} (may be null). */
    public SfuParticipantClient(URI server, String room, String name, String token, boolean publishAv,
                                DtlsCertificate certificate, Executor handshakeExecutor) {
        this(server, room, name, token, publishAv, certificate, handshakeExecutor, "127.0.0.1");
    }

    /** As the other constructors, with the client's UDP port bound to {@code mediaBindAddress} (an IP literal). */
    public SfuParticipantClient(URI server, String room, String name, String token, boolean publishAv,
                                DtlsCertificate certificate, Executor handshakeExecutor, String mediaBindAddress) {
        this(server, room, name, token, publishAv, certificate, handshakeExecutor, mediaBindAddress, List.of());
    }

    /** As the other constructors; a non-empty {@code simulcast} publishes the video as those rid layers. */
    public SfuParticipantClient(URI server, String room, String name, String token, boolean publishAv,
                                DtlsCertificate certificate, Executor handshakeExecutor, String mediaBindAddress,
                                List<ClientSdp.Layer> simulcast) {
        this.room = room;
        this.peer = new ClientPeer(mediaBindAddress, certificate, DtlsRole.CLIENT, handshakeExecutor,
                Duration.ofSeconds(10), List.of(SrtpProfile.AEAD_AES_128_GCM, SrtpProfile.AES128_CM_HMAC_SHA1_80),
                new Events());
        this.local = new ClientSdp.Local(peer.localCredentials(), peer.localFingerprint(), peer.localCandidates());
        this.publish = new ArrayList<>();
        if (publishAv) {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            publish.add(new ClientSdp.Publish("audio", r.nextLong(1, 0xFFFF_FFFFL), -1, name, name + "-audio"));
            publish.add(simulcast.isEmpty() ? new ClientSdp.Publish("video", r.nextLong(1, 0xFFFF_FFFFL),
                    r.nextLong(1, 0xFFFF_FFFFL), name, name + "-video") : new ClientSdp.Publish("video",
                    simulcast.get(0).ssrc(), simulcast.get(0).rtxSsrc(), name, name + "-video", simulcast));
        }
        this.signaling = SignalingClient.connect(server, Duration.ofSeconds(5));
        signaling.setListener(this::onMessage);
        signaling.join(room, name, token);
    }

    /** Completes with our participant id. */
    public CompletableFuture<String> joined() {
        return joined;
    }

    /** Completes when DTLS-SRTP is up. */
    @Override
    public CompletableFuture<Void> connected() {
        return connected;
    }

    public String id() {
        return id;
    }

    /** SSRC of the audio (index 0) or video (index 1) track we publish. */
    @Override
    public long publishedSsrc(int index) {
        return publish.get(index).ssrc();
    }

    /** Streams received so far, by the SSRC the server sends them with. */
    @Override
    public Map<Long, ReceivedStream> received() {
        return received;
    }

    /** Signaling messages other than negotiation (joined, otherjoin, bye, error...). */
    public List<JsonNode> events() {
        return events;
    }

    public int offersAnswered() {
        return offersAnswered;
    }

    public ClientPeer peer() {
        return peer;
    }

    /** Adds an observer of every RTCP packet received (decrypted); for tests and {@link MediaPump}. */
    @Override
    public void addRtcpTap(RtcpTap tap) {
        rtcpTaps.add(tap);
    }

    /** The last offer or answer received from the server, or null before any. */
    public synchronized SessionDescription lastRemoteDescription() {
        return lastRemote;
    }

    /** Receives decrypted RTCP; the buffer is valid only during the call. */
    @FunctionalInterface
    public interface RtcpTap {
        void onRtcp(byte[] buf, int off, int len);
    }

    /** Receives decrypted RTP with the stream it arrived on (null if unannounced); valid only during the call. */
    @FunctionalInterface
    public interface RtpTap {
        void onRtp(ReceivedStream stream, RtpPacket packet, long nowNanos);
    }

    /**
     * Routes every decrypted RTP packet to {@code tap} instead of the built-in {@link ReceivedStream}
     * accounting (a load generator checks packets its own way and must not pay for the check twice).
     * {@code null} restores the built-in accounting.
     */
    @Override
    public void setRtpTap(RtpTap tap) {
        this.rtpTap = tap;
    }

    /** Sends one RTP packet (encrypted in place; leave SRTP tailroom). */
    @Override
    public void sendRtp(byte[] buf, int off, int len) {
        peer.sendRtp(buf, off, len);
    }

    @Override
    public void sendRtcp(byte[] buf, int off, int len) {
        peer.sendRtcp(buf, off, len);
    }

    private void onMessage(JsonNode m) {
        String type = m.path("type").asText();
        try {
            switch (type) {
                case "joined" -> {
                    id = m.path("id").asText();
                    events.add(m);
                    joined.complete(id);
                    if (!publish.isEmpty() || data != null) {
                        offerToPublish();
                    }
                }
                case "message" -> onNegotiation(m.path("data"));
                default -> events.add(m);
            }
        } catch (RuntimeException | io.junction.sfu.sdp.SdpParseException e) {
            LOG.warn("client {}: cannot handle {}: {}", id, type, e.toString());
            events.add(JSON.createObjectNode().put("type", "client-error").put("message", e.toString()));
        }
    }

    private void onNegotiation(JsonNode data) throws io.junction.sfu.sdp.SdpParseException {
        String t = data.path("type").asText();
        if (t.equals("answer")) {
            SessionDescription answer = SdpParser.parse(data.path("sdp").asText());
            boolean offerData;
            synchronized (this) {
                localOfferPending = false;
                published = published || !publish.isEmpty();
                lastRemote = answer;
                offerData = dataOfferWanted && io.junction.sfu.sdp.SctpDescription.find(answer) == null;
                dataOfferWanted = false;
            }
            onDataNegotiated(answer);
            if (peer.iceRestartPending()) {
                MediaDescription first = answer.media().get(0);
                String ufrag = answer.iceUfrag() != null ? answer.iceUfrag() : first.iceUfrag();
                String pwd = answer.icePwd() != null ? answer.icePwd() : first.icePwd();
                List<Candidate> cands = new ArrayList<>();
                for (String c : first.candidates()) {
                    cands.add(Candidate.parse(c));
                }
                peer.completeIceRestart(new IceCredentials(ufrag, pwd), cands);
                return;
            }
            startPeer(answer);
            if (offerData) {
                offerData();
            }
        } else if (t.equals("offer")) {
            SessionDescription offer = SdpParser.parse(data.path("sdp").asText());
            ReceivedStream.announce(offer, received);
            boolean reoffer;
            synchronized (this) {
                // Perfect negotiation, polite side: a colliding local offer is rolled back; the
                // server ignored it, so offer again once this exchange is done.
                reoffer = localOfferPending;
                localOfferPending = false;
                lastRemote = offer;
            }
            sendDescription("answer", ClientSdp.answer(local, offer, published ? publish : List.of()));
            offersAnswered++;
            onDataNegotiated(offer);
            startPeer(offer);
            if (reoffer) {
                offerToPublish();
            }
        } else if (t.equals("candidate")) {
            String c = data.path("candidate").asText();
            if (!c.isEmpty()) {
                peer.ice().addRemoteCandidate(Candidate.parse(c.startsWith("candidate:") ? c.substring(10) : c));
            }
        } else {
            events.add(data);
        }
    }

    /**
     * ICE restart (RFC 8445 §9, as {@code pc.restartIce()}): a new ICE agent with new credentials and a
     * new port, announced in a re-offer; the server's answer carries its new credentials. DTLS and SRTP
     * stay. Call when no offer of ours is outstanding.
     */
    public synchronized void restartIce() {
        peer.restartIce();
        local = new ClientSdp.Local(peer.localCredentials(), peer.localFingerprint(), peer.localCandidates());
        localOfferPending = true;
        sendDescription("offer", ClientSdp.restartOffer(local, lastRemote, published ? publish : List.of()));
    }

    private synchronized void offerToPublish() {
        localOfferPending = true;
        sendDescription("offer", ClientSdp.offer(local, lastRemote, publish, data != null));
    }

    /**
     * Data channels (RFC 8831) through the server: the first call adds a data section (in the first
     * offer, or by a re-offer once joined, as a browser's first {@code createDataChannel} does).
     * Channels are room-wide by label: see docs/PROTOCOL.md, "Data channels".
     */
    public ClientDataChannels dataChannels() {
        synchronized (this) {
            if (data == null) {
                data = new ClientDataChannels(peer::sendApplicationData);
                if (!joined.isDone()) {
                    return data; // the first offer, sent when joined, carries the data section
                }
                if (localOfferPending) {
                    dataOfferWanted = true; // once the exchange under way is done
                } else if (lastRemote == null) {
                    offerToPublish();
                } else {
                    offerData();
                }
            }
            return data;
        }
    }

    private synchronized void offerData() {
        localOfferPending = true;
        sendDescription("offer", ClientSdp.reofferWithData(local, lastRemote, published ? publish : List.of()));
    }

    /** The exchanged description has a data section: start SCTP once DTLS is up too. */
    private void onDataNegotiated(SessionDescription remote) {
        ClientDataChannels d = data;
        io.junction.sfu.sdp.SctpDescription sctp = io.junction.sfu.sdp.SctpDescription.find(remote);
        synchronized (this) {
            if (d == null || dataNegotiated || sctp == null) {
                return;
            }
            dataNegotiated = true;
        }
        d.remoteMaxMessageSize(sctp.maxMessageSize());
        if (connected.isDone()) {
            d.start();
        }
    }


    private synchronized void startPeer(SessionDescription remote) throws RuntimeException {
        if (peerStarted) {
            return;
        }
        MediaDescription first = remote.media().get(0);
        String ufrag = remote.iceUfrag() != null ? remote.iceUfrag() : first.iceUfrag();
        String pwd = remote.icePwd() != null ? remote.icePwd() : first.icePwd();
        var fp = remote.fingerprint() != null ? remote.fingerprint() : first.fingerprint();
        List<Candidate> cands = new ArrayList<>();
        for (String c : first.candidates()) {
            cands.add(Candidate.parse(c));
        }
        peerStarted = true;
        peer.connect(new IceCredentials(ufrag, pwd), cands, Fingerprint.parse(fp.algorithm() + " " + fp.value()));
    }

    private void sendDescription(String type, String sdp) {
        ObjectNode d = JSON.createObjectNode().put("type", type).put("sdp", sdp);
        signaling.message(room, d, null);
    }

    /** Sends a chat or other relayed data object. */
    public void sendData(ObjectNode data) {
        signaling.message(room, data, null);
    }

    public void leave() {
        signaling.leave(room);
    }

    /** The signaling connection, for tests that need raw access. */
    public SignalingClient signaling() {
        return signaling;
    }

    @Override
    public void close() {
        ClientDataChannels d = data;
        if (d != null) {
            d.close();
        }
        signaling.close();
        peer.close();
    }

    /** The shared receive side plus this client's data channels. */
    private final class Events extends ReceivingListener {
        Events() {
            super(connected, received, rtcpTaps, () -> rtpTap);
        }

        @Override
        public void onConnected() {
            super.onConnected();
            ClientDataChannels d = data;
            boolean negotiated;
            synchronized (SfuParticipantClient.this) {
                negotiated = dataNegotiated;
            }
            if (d != null && negotiated) {
                d.start();
            }
        }

        @Override
        public boolean onApplicationData(byte[] buf, int off, int len) {
            ClientDataChannels d = data;
            return d != null && d.offer(buf, off, len);
        }
    }
}
