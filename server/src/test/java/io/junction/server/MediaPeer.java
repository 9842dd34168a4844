package io.junction.server;

import io.junction.client.ClientSdp;
import io.junction.client.SyntheticMedia;
import io.junction.dtls.DtlsCertificate;
import io.junction.dtls.DtlsRole;
import io.junction.dtls.Fingerprint;
import io.junction.ice.Candidate;
import io.junction.ice.IceCredentials;
import io.junction.sfu.sdp.MediaDescription;
import io.junction.sfu.sdp.SdpParser;
import io.junction.sfu.sdp.SessionDescription;
import io.junction.srtp.SrtpProfile;
import io.junction.transport.MediaTransport;
import io.junction.transport.client.ClientPeer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A remote peer for the media-only API test: the Java client's ICE/DTLS/SRTP peer and SDP, with
 * the application's "own signaling" being plain method calls.
 */
final class MediaPeer implements MediaTransport.Listener, MediaCallbacks, AutoCloseable {
    final ClientPeer peer;
    final ClientSdp.Local local;
    final CompletableFuture<String> answer = new CompletableFuture<>();
    final CompletableFuture<String> offer = new CompletableFuture<>();
    final CompletableFuture<Void> connected = new CompletableFuture<>();
    final AtomicLong rtpReceived = new AtomicLong();
    private final byte[] buf = new byte[1500];
    private int seq;

    MediaPeer(DtlsCertificate cert, Executor handshakes) {
        peer = new ClientPeer("127.0.0.1", cert, DtlsRole.CLIENT, handshakes, Duration.ofSeconds(10),
                List.of(SrtpProfile.AEAD_AES_128_GCM, SrtpProfile.AES128_CM_HMAC_SHA1_80), this);
        local = new ClientSdp.Local(peer.localCredentials(), peer.localFingerprint(), peer.localCandidates());
    }

    static ClientSdp.Publish audio(String stream, long ssrc) {
        return new ClientSdp.Publish("audio", ssrc, -1, stream, stream + "-audio");
    }

    /** Starts ICE + DTLS toward the server described by {@code remote}. */
    void connect(String remoteSdp) throws Exception {
        SessionDescription remote = SdpParser.parse(remoteSdp);
        MediaDescription first = remote.media().get(0);
        String ufrag = remote.iceUfrag() != null ? remote.iceUfrag() : first.iceUfrag();
        String pwd = remote.icePwd() != null ? remote.icePwd() : first.icePwd();
        var fp = remote.fingerprint() != null ? remote.fingerprint() : first.fingerprint();
        List<Candidate> cands = new ArrayList<>();
        for (String c : first.candidates()) {
            cands.add(Candidate.parse(c));
        }
        peer.connect(new IceCredentials(ufrag, pwd), cands, Fingerprint.parse(fp.algorithm() + " " + fp.value()));
    }

    void sendAudio(long ssrc, int packets) {
        for (int i = 0; i < packets; i++) {
            int len = SyntheticMedia.write(buf, 0, ClientSdp.OPUS_PT, seq, seq * 960L, ssrc, false, false, false,
                    false, 1, seq, System.nanoTime(), 160);
            seq++;
            peer.sendRtp(buf, 0, len);
        }
    }

    @Override
    public void onOffer(String sdp) {
        offer.complete(sdp);
    }

    @Override
    public void onAnswer(String sdp) {
        answer.complete(sdp);
    }

    @Override
    public void onConnected() {
        connected.complete(null);
    }

    @Override
    public void onFailed(String reason) {
        connected.completeExceptionally(new IllegalStateException(reason));
    }

    @Override
    public void onClosed() {
    }

    @Override
    public void onRtp(byte[] b, int off, int len) {
        rtpReceived.incrementAndGet();
    }

    @Override
    public void onRtcp(byte[] b, int off, int len) {
    }

    @Override
    public void close() {
        peer.close();
    }
}
