package io.junction.cluster;

import io.junction.dtls.DtlsCertificate;
import io.junction.dtls.DtlsRole;
import io.junction.dtls.Fingerprint;
import io.junction.ice.Candidate;
import io.junction.ice.IceCredentials;
import io.junction.sfu.RelayInbound;
import io.junction.sfu.room.MediaSender;
import io.junction.sfu.sdp.MediaDescription;
import io.junction.sfu.sdp.SessionDescription;
import io.junction.srtp.SrtpProfile;
import io.junction.transport.MediaTransport;
import io.junction.transport.client.ClientPeer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * The receiving end of one relay link ({@code from}'s publishers into the local room): a client
 * peer (full ICE agent toward the sending node's ICE-lite media port, DTLS client, SRTP) whose
 * decrypted packets go to the room's {@link RelayInbound}, and whose sending half carries that
 * room's RTCP feedback back ({@link #upstream()}). Its fields other than the peer and the sources
 * belong to {@link RelayLinks}' thread.
 */
final class RelayReceiver implements MediaTransport.Listener {
    /** What the links manager hears from a receiver (on transport threads: must not block). */
    interface Events {
        void connected(RelayReceiver r);

        void ended(RelayReceiver r, String reason);
    }

    final String room;
    final String from;
    final String link;
    final ClientPeer peer;
    volatile RelayInbound sources;
    boolean connecting;
    volatile boolean ended;
    private final Events events;
    private final IntSupplier lossOneIn;
    private final AtomicLong injectedDrops;
    private long received; // the ICE receive thread only

    RelayReceiver(String room, String from, String link, String bindAddress, DtlsCertificate certificate,
                  Executor handshakes, Events events, IntSupplier lossOneIn, AtomicLong injectedDrops) {
        this.room = room;
        this.from = from;
        this.link = link;
        this.events = events;
        this.lossOneIn = lossOneIn;
        this.injectedDrops = injectedDrops;
        this.peer = new ClientPeer(bindAddress, certificate, DtlsRole.CLIENT, handshakes, Duration.ofSeconds(10),
                List.of(SrtpProfile.AEAD_AES_128_GCM, SrtpProfile.AES128_CM_HMAC_SHA1_80), this);
    }

    /** The link's sending half as the room's tracks see it (NACK, PLI, receiver reports go back over the link). */
    MediaSender upstream() {
        return new MediaSender() {
            @Override
            public void sendRtp(byte[] buf, int off, int len) {
                peer.sendRtp(buf, off, len);
            }

            @Override
            public void sendRtcp(byte[] buf, int off, int len) {
                peer.sendRtcp(buf, off, len);
            }
        };
    }

    /** Starts ICE and DTLS toward the sending node described by its offer (ICE-lite: all its candidates are in it). */
    void connect(SessionDescription offer) {
        MediaDescription first = offer.media().get(0);
        String ufrag = offer.effectiveIceUfrag(first);
        String pwd = offer.effectiveIcePwd(first);
        var fp = offer.effectiveFingerprint(first);
        if (ufrag == null || pwd == null || fp == null) {
            throw new IllegalArgumentException("offer without ICE credentials or fingerprint");
        }
        List<Candidate> candidates = new ArrayList<>();
        for (String c : first.candidates()) {
            candidates.add(Candidate.parse(c));
        }
        peer.connect(new IceCredentials(ufrag, pwd), candidates, Fingerprint.parse(fp.algorithm() + " " + fp.value()));
    }

    @Override
    public void onConnected() {
        events.connected(this);
    }

    @Override
    public void onFailed(String reason) {
        events.ended(this, "failed: " + reason);
    }

    @Override
    public void onClosed() {
        events.ended(this, "closed by " + from);
    }

    @Override
    public void onRtp(byte[] buf, int off, int len) {
        RelayInbound s = sources;
        if (s == null) {
            return;
        }
        int oneIn = lossOneIn.getAsInt();
        if (oneIn > 0 && ++received % oneIn == 0) {
            injectedDrops.incrementAndGet();
            return;
        }
        s.onRtp(buf, off, len);
    }

    @Override
    public void onRtcp(byte[] buf, int off, int len) {
        RelayInbound s = sources;
        if (s != null) {
            s.onRtcp(buf, off, len);
        }
    }
}
