package io.junction.client;

import io.junction.dtls.DtlsCertificate;
import io.junction.dtls.DtlsRole;
import io.junction.dtls.Fingerprint;
import io.junction.ice.Candidate;
import io.junction.ice.IceCredentials;
import io.junction.sfu.sdp.MediaDescription;
import io.junction.sfu.sdp.SdpParseException;
import io.junction.sfu.sdp.SdpParser;
import io.junction.sfu.sdp.SessionDescription;
import io.junction.sfu.sdp.SsrcAttribute;
import io.junction.srtp.SrtpProfile;
import io.junction.transport.client.ClientPeer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * A WHIP publisher or WHEP viewer (RFC 9725 over HTTP) on the client peer: POSTs its offer,
 * connects to the answer, and records received streams like {@link SfuParticipantClient}. The
 * session resource ({@link #location()}) takes {@link #patch} and {@link #delete}. The caller owns
 * the {@code HttpClient} (shared by its clients).
 */
public final class WhipClient implements AutoCloseable, MediaPump.Publisher {
    private final HttpClient http;
    private final String token;
    private final ClientPeer peer;
    private final ClientSdp.Local local;
    private final List<ClientSdp.Publish> publish = new ArrayList<>();
    private final Map<Long, ReceivedStream> received = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private final List<SfuParticipantClient.RtcpTap> rtcpTaps = new CopyOnWriteArrayList<>();
    private final URI endpoint;
    private HttpResponse<String> response;
    private URI location;

    private WhipClient(HttpClient http, URI endpoint, String token, DtlsCertificate certificate,
                       Executor handshakeExecutor) {
        this.endpoint = endpoint;
        this.token = token;
        this.http = http;
        this.peer = new ClientPeer("127.0.0.1", certificate, DtlsRole.CLIENT, handshakeExecutor,
                Duration.ofSeconds(10), List.of(SrtpProfile.AEAD_AES_128_GCM, SrtpProfile.AES128_CM_HMAC_SHA1_80),
                new ReceivingListener(connected, received, rtcpTaps, () -> null));
        this.local = new ClientSdp.Local(peer.localCredentials(), peer.localFingerprint(), peer.localCandidates());
    }

    /**
     * A WHIP publisher of one audio and one video track: POSTs the offer to {@code endpoint}
     * (e.g. {@code http://127.0.0.1:8080/whip/room1?name=obs}); when the answer is 201 it connects.
     * Check {@link #status()} before using the media.
     */
    public static WhipClient publish(HttpClient http, URI endpoint, String token, DtlsCertificate certificate,
                                     Executor handshakes) throws IOException, InterruptedException {
        WhipClient c = new WhipClient(http, endpoint, token, certificate, handshakes);
        ThreadLocalRandom r = ThreadLocalRandom.current();
        c.publish.add(new ClientSdp.Publish("audio", r.nextLong(1, 0xFFFF_FFFFL), -1, "whip", "whip-audio"));
        c.publish.add(new ClientSdp.Publish("video", r.nextLong(1, 0xFFFF_FFFFL), r.nextLong(1, 0xFFFF_FFFFL),
                "whip", "whip-video"));
        c.post(ClientSdp.offer(c.local, null, c.publish));
        return c;
    }

    /** A WHEP viewer: POSTs a recvonly audio + video offer to {@code endpoint}; connects on 201. */
    public static WhipClient view(HttpClient http, URI endpoint, String token, DtlsCertificate certificate,
                                  Executor handshakes) throws IOException, InterruptedException {
        WhipClient c = new WhipClient(http, endpoint, token, certificate, handshakes);
        c.post(ClientSdp.recvOffer(c.local));
        return c;
    }

    private void post(String offer) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/sdp").POST(HttpRequest.BodyPublishers.ofString(offer));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            return;
        }
        location = endpoint.resolve(response.headers().firstValue("Location").orElseThrow(
                () -> new IOException("201 without Location")));
        SessionDescription answer;
        try {
            answer = SdpParser.parse(response.body());
        } catch (SdpParseException e) {
            throw new IOException("unparsable answer: " + e.getMessage(), e);
        }
        mapStreams(answer);
        MediaDescription first = answer.media().get(0);
        String ufrag = answer.iceUfrag() != null ? answer.iceUfrag() : first.iceUfrag();
        String pwd = answer.icePwd() != null ? answer.icePwd() : first.icePwd();
        var fp = answer.fingerprint() != null ? answer.fingerprint() : first.fingerprint();
        List<Candidate> cands = new ArrayList<>();
        for (String cand : first.candidates()) {
            cands.add(Candidate.parse(cand));
        }
        peer.connect(new IceCredentials(ufrag, pwd), cands, Fingerprint.parse(fp.algorithm() + " " + fp.value()));
    }

    private void mapStreams(SessionDescription answer) {
        for (MediaDescription m : answer.media()) {
            if (m.isRejected()) {
                continue;
            }
            String stream = m.msids().isEmpty() ? null : m.msids().get(0).streamId();
            for (SsrcAttribute a : m.ssrcs()) {
                received.computeIfAbsent(a.ssrc(), s -> new ReceivedStream(s, m.kind(), stream, m.mid()));
            }
        }
    }

    /** The POST's status (201 when the session was created). */
    public int status() {
        return response.statusCode();
    }

    /** The POST's full response (answer or error reason, headers). */
    public HttpResponse<String> response() {
        return response;
    }

    /** The session resource, null unless created. */
    public URI location() {
        return location;
    }

    /** Completes when DTLS-SRTP is up. */
    public CompletableFuture<Void> connected() {
        return connected;
    }

    /** Streams received, by the SSRC the answer announced. */
    public Map<Long, ReceivedStream> received() {
        return received;
    }

    /** This client's ICE ufrag (as in its offer). */
    public String iceUfrag() {
        return local.ice().ufrag();
    }

    /** PATCHes the session resource with {@code body} as {@code contentType}; {@code ifMatch} may be null. */
    public HttpResponse<String> patch(String contentType, String body, String ifMatch)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(location).timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType).method("PATCH", HttpRequest.BodyPublishers.ofString(body));
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** DELETEs the session resource (ends the session). */
    public HttpResponse<String> delete() throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(location).timeout(Duration.ofSeconds(10)).DELETE();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
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
    public void close() {
        peer.close();
    }
}
