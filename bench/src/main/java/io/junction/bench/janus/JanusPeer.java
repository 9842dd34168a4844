package io.junction.bench.janus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.junction.client.ClientSdp;
import io.junction.client.ReceivedStream;
import io.junction.client.ReceivingListener;
import io.junction.client.RoomPeer;
import io.junction.client.SfuParticipantClient;
import io.junction.dtls.DtlsCertificate;
import io.junction.dtls.DtlsRole;
import io.junction.dtls.Fingerprint;
import io.junction.ice.Candidate;
import io.junction.ice.IceCredentials;
import io.junction.sfu.sdp.MediaDescription;
import io.junction.sfu.sdp.SdpParseException;
import io.junction.sfu.sdp.SdpParser;
import io.junction.sfu.sdp.SessionDescription;
import io.junction.srtp.SrtpProfile;
import io.junction.transport.client.ClientPeer;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A simulated participant of a Janus VideoRoom, with the same media side as Junction's
 * {@link SfuParticipantClient} (ice4j controlling agent, DTLS, SRTP, {@link ReceivingListener}) so that
 * the bench drives both servers with identical packets. A publisher joins as {@code publisher} and
 * offers audio + VP8 video (Janus answers {@code a=setup:active}, so our DTLS side is the server); a
 * subscriber joins as {@code subscriber} of one feed, answers Janus's offer and is the DTLS client.
 * Candidates travel in the SDP (no trickle); Janus runs ICE-lite here, like Junction.
 */
public final class JanusPeer implements RoomPeer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PLUGIN = "janus.plugin.videoroom";
    private static final int NO_SUCH_FEED = 428;
    private static final Duration FEED_WAIT = Duration.ofSeconds(5);
    private static final List<SrtpProfile> PROFILES =
            List.of(SrtpProfile.AEAD_AES_128_GCM, SrtpProfile.AES128_CM_HMAC_SHA1_80);

    private final JanusApi api;
    private final long handle;
    private final ClientPeer peer;
    private final List<ClientSdp.Publish> publish;
    private final Map<Long, ReceivedStream> received = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private final List<SfuParticipantClient.RtcpTap> rtcpTaps = new CopyOnWriteArrayList<>();
    private volatile SfuParticipantClient.RtpTap rtpTap;
    private volatile long feed;

    private JanusPeer(JanusApi api, DtlsRole role, String bindAddress, DtlsCertificate certificate,
                      Executor handshakes, List<ClientSdp.Publish> publish) throws IOException, InterruptedException {
        this.api = api;
        this.publish = publish;
        this.handle = api.attach(PLUGIN);
        this.peer = new ClientPeer(bindAddress, certificate, role, handshakes, Duration.ofSeconds(10), PROFILES,
                new ReceivingListener(connected, received, rtcpTaps, () -> rtpTap));
    }

    /** Creates VideoRoom {@code room} (no bitrate cap, no periodic FIR, opus + VP8); "already exists" is fine. */
    public static void createRoom(JanusApi api, long room, int publishers) throws IOException, InterruptedException {
        long h = api.attach(PLUGIN);
        try {
            ObjectNode body = JSON.createObjectNode().put("request", "create").put("room", room)
                    .put("publishers", publishers).put("bitrate", 0).put("fir_freq", 0)
                    .put("audiocodec", "opus").put("videocodec", "vp8").put("notify_joining", false);
            api.message(h, body, null);
        } finally {
            api.detach(h);
        }
    }

    /** Joins {@code room} as a publisher of one audio and one video track; returns once Janus answered. */
    public static JanusPeer publisher(JanusApi api, long room, String name, String bindAddress,
                                      DtlsCertificate certificate, Executor handshakes)
            throws IOException, InterruptedException {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        List<ClientSdp.Publish> tracks = List.of(
                new ClientSdp.Publish("audio", r.nextLong(1, 0xFFFF_FFFFL), -1, name, name + "-audio"),
                new ClientSdp.Publish("video", r.nextLong(1, 0xFFFF_FFFFL), r.nextLong(1, 0xFFFF_FFFFL), name,
                        name + "-video"));
        JanusPeer p = new JanusPeer(api, DtlsRole.SERVER, bindAddress, certificate, handshakes, tracks);
        try {
            JsonNode joined = api.message(p.handle, JSON.createObjectNode().put("request", "join")
                    .put("ptype", "publisher").put("room", room).put("display", name), null);
            p.feed = joined.path("plugindata").path("data").path("id").asLong();
            ClientSdp.Local local = new ClientSdp.Local(p.peer.localCredentials(), p.peer.localFingerprint(),
                    p.peer.localCandidates());
            JsonNode reply = api.message(p.handle, JSON.createObjectNode().put("request", "publish")
                    .put("audio", true).put("video", true).put("data", false), jsep("offer", ClientSdp.offer(local, null, tracks)));
            SessionDescription answer = remote(reply, "answer");
            p.start(answer, "active");
            return p;
        } catch (IOException | RuntimeException e) {
            p.close();
            throw e;
        }
    }

    /** Joins {@code room} as a subscriber of the publishers {@code feeds}; returns once its answer was sent. */
    public static JanusPeer subscriber(JanusApi api, long room, List<Long> feeds, String bindAddress,
                                       DtlsCertificate certificate, Executor handshakes)
            throws IOException, InterruptedException {
        JanusPeer p = new JanusPeer(api, DtlsRole.CLIENT, bindAddress, certificate, handshakes, List.of());
        try {
            ObjectNode body = JSON.createObjectNode().put("request", "join").put("ptype", "subscriber").put("room", room);
            var streams = body.putArray("streams");
            for (long feed : feeds) {
                streams.addObject().put("feed", feed);
            }
            SessionDescription offer = remote(joinAsSubscriber(api, p.handle, body), "offer");
            ReceivedStream.announce(offer, p.received);
            ClientSdp.Local local = new ClientSdp.Local(p.peer.localCredentials(), p.peer.localFingerprint(),
                    p.peer.localCandidates());
            api.message(p.handle, JSON.createObjectNode().put("request", "start"),
                    jsep("answer", ClientSdp.answer(local, offer, List.of())));
            p.start(offer, "actpass");
            return p;
        } catch (IOException | RuntimeException e) {
            p.close();
            throw e;
        }
    }

    /**
     * VideoRoom error 428 ("No such feed"): a publisher whose DTLS is up on our side can still be unknown as a
     * feed until Janus's plugin has processed its own "media available" event; retry for a few seconds.
     */
    private static JsonNode joinAsSubscriber(JanusApi api, long handle, ObjectNode body)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + FEED_WAIT.toNanos();
        while (true) {
            try {
                return api.message(handle, body, null);
            } catch (JanusApi.PluginError e) {
                if (e.code() != NO_SUCH_FEED || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    /** The VideoRoom participant id of a publisher (what subscribers name as {@code feed}). */
    public long feed() {
        return feed;
    }

    private void start(SessionDescription remote, String expectedSetup) throws IOException {
        MediaDescription first = remote.media().get(0);
        String setup = first.setup() != null ? first.setup() : "";
        if (!setup.equals(expectedSetup)) {
            throw new IOException("janus description has a=setup:" + setup + ", expected " + expectedSetup);
        }
        String ufrag = remote.iceUfrag() != null ? remote.iceUfrag() : first.iceUfrag();
        String pwd = remote.icePwd() != null ? remote.icePwd() : first.icePwd();
        var fp = remote.fingerprint() != null ? remote.fingerprint() : first.fingerprint();
        List<Candidate> candidates = new ArrayList<>();
        for (String c : first.candidates()) {
            Candidate parsed = Candidate.parse(c);
            if (parsed.transport().equalsIgnoreCase("udp")) {
                candidates.add(parsed);
            }
        }
        if (candidates.isEmpty()) {
            throw new IOException("janus description carries no UDP candidate (is an interface in ice_enforce_list up?)");
        }
        peer.connect(new IceCredentials(ufrag, pwd), candidates, Fingerprint.parse(fp.algorithm() + " " + fp.value()));
    }

    private static ObjectNode jsep(String type, String sdp) {
        return JSON.createObjectNode().put("type", type).put("sdp", sdp).put("trickle", false);
    }

    private static SessionDescription remote(JsonNode event, String type) throws IOException {
        JsonNode jsep = event.path("jsep");
        if (!jsep.path("type").asText().equals(type)) {
            throw new IOException("janus sent no " + type + ": " + event.path("plugindata"));
        }
        try {
            return SdpParser.parse(jsep.path("sdp").asText());
        } catch (SdpParseException e) {
            throw new IOException("janus " + type + " does not parse: " + e.getMessage(), e);
        }
    }

    @Override
    public CompletableFuture<Void> connected() {
        return connected;
    }

    @Override
    public long publishedSsrc(int index) {
        return publish.get(index).ssrc();
    }

    @Override
    public void addRtcpTap(SfuParticipantClient.RtcpTap tap) {
        rtcpTaps.add(tap);
    }

    @Override
    public void sendRtp(byte[] buf, int off, int len) {
        peer.sendRtp(buf, off, len);
    }

    @Override
    public void sendRtcp(byte[] buf, int off, int len) {
        peer.sendRtcp(buf, off, len);
    }

    @Override
    public void setRtpTap(SfuParticipantClient.RtpTap tap) {
        this.rtpTap = tap;
    }

    @Override
    public Map<Long, ReceivedStream> received() {
        return received;
    }

    @Override
    public void close() {
        api.detach(handle);
        peer.close();
    }
}
