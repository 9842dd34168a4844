package io.junction.sfu;

import io.junction.ice.Candidate;
import io.junction.ice.IceCredentials;
import io.junction.ice.IceTransport;
import io.junction.rtp.PacketBuffer;
import io.junction.sfu.room.MediaSender;
import io.junction.sfu.room.ParticipantMedia;
import io.junction.sfu.sdp.MediaDescription;
import io.junction.sfu.sdp.SdpException;
import io.junction.sfu.sdp.SdpParser;
import io.junction.sfu.sdp.SdpValidator;
import io.junction.sfu.sdp.SessionDescription;
import io.junction.sfu.event.RoomEvent;
import io.junction.sfu.signal.MediaRights;
import io.junction.sfu.signal.MediaSession;
import io.junction.sfu.signal.Negotiation;
import io.junction.sfu.signal.NegotiationException;
import io.junction.sfu.signal.NegotiationSink;
import io.junction.sfu.worker.InboundQueue;
import io.junction.transport.MediaTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One participant's peer connection to the server: receives its negotiation messages on
 * signaling threads, hands them to the room's worker, and owns its transport. The server side of
 * the negotiation itself is {@link ServerNegotiator}.
 */
final class SfuParticipant implements MediaSession, MediaSender {
    private static final Logger LOG = LoggerFactory.getLogger(SfuParticipant.class);

    private final String id;
    private final String name;
    private final MediaRights rights;
    private final io.junction.sfu.signal.Reception reception;
    private final SfuRoom room;
    private final EngineContext ctx;
    private final NegotiationSink sink;
    private final LateIceListener iceListener = new LateIceListener();
    private final IceTransport ice;
    private final ParticipantMedia media;
    private final ServerNegotiator negotiator;
    private final InboundQueue rtpIn;
    private final InboundQueue rtcpIn;
    private static final int MAX_HELD_CANDIDATES = 64;
    private final java.util.List<Candidate> candidates = new java.util.ArrayList<>();
    private String remoteUfrag;
    private volatile MediaTransport transport;
    private volatile boolean closed;
    /** The media transport failed or the peer closed it: negotiation is over (set on the loop). */
    private volatile boolean mediaLost;
    private boolean mediaConnected; // room worker thread only

    SfuParticipant(String id, String name, MediaRights rights, io.junction.sfu.signal.Reception reception,
                   SfuRoom room, EngineContext ctx, NegotiationSink sink) {
        this.reception = java.util.Objects.requireNonNull(reception, "reception");
        this.id = id;
        this.name = name;
        this.rights = rights;
        this.room = room;
        this.ctx = ctx;
        this.sink = sink;
        this.ice = ctx.icePort().createServerTransport(iceListener);
        this.media = new ParticipantMedia(id, this, ctx.randomSsrc());
        this.negotiator = new ServerNegotiator(this, room, ctx);
        this.rtpIn = new InboundQueue(room.loop(), 1024, p -> media.onRtp(p, room.loop().nowMs()));
        this.rtcpIn = new InboundQueue(room.loop(), 256,
                p -> media.onRtcp(p, room.loop().nowMs(), ctx.wallClockMs()));
    }

    String id() {
        return id;
    }

    String name() {
        return name;
    }

    MediaRights rights() {
        return rights;
    }

    /** How this participant receives media (standard, or answer-only for WHEP). */
    io.junction.sfu.signal.Reception reception() {
        return reception;
    }

    IceTransport ice() {
        return ice;
    }

    ParticipantMedia media() {
        return media;
    }

    ServerNegotiator negotiator() {
        return negotiator;
    }

    NegotiationSink sink() {
        return sink;
    }

    @Override
    public void onClientNegotiation(Negotiation n) throws NegotiationException {
        if (closed) {
            throw new NegotiationException("not-in-room", "participant " + id + " has left");
        }
        if (mediaLost) {
            // The media transport failed (consent lost before any restart arrived): the media session
            // of this membership is over (SfuRoom.onTransportLost). A restart must come before that.
            throw new NegotiationException("unsupported",
                    "the media transport of participant " + id + " failed; leave and join again to get media");
        }
        if (n instanceof Negotiation.Offer o) {
            SessionDescription sd = parse(o.sdp());
            onLoop(() -> negotiator.onOffer(sd));
        } else if (n instanceof Negotiation.Answer a) {
            SessionDescription sd = parse(a.sdp());
            onLoop(() -> negotiator.onAnswer(sd));
        } else if (n instanceof Negotiation.Candidate c) {
            addRemoteCandidate(c);
        }
    }

    private static SessionDescription parse(String sdp) throws NegotiationException {
        try {
            SessionDescription sd = SdpParser.parse(sdp);
            SdpValidator.validate(sd);
            return sd;
        } catch (SdpException e) {
            throw new NegotiationException(e.code(), e.getMessage());
        }
    }

    /** Runs a negotiation step on the room's worker and waits for its outcome. */
    private void onLoop(NegotiationStep step) throws NegotiationException {
        try {
            room.loop().submit(() -> {
                try {
                    step.run();
                    return null;
                } catch (NegotiationException e) {
                    throw new StepFailure(e);
                }
            }).get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StepFailure f) {
                throw f.failure;
            }
            throw new NegotiationException("internal", "negotiation failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new NegotiationException("internal", "negotiation timed out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NegotiationException("internal", "interrupted");
        }
    }

    private void addRemoteCandidate(Negotiation.Candidate c) throws NegotiationException {
        if (c.isEndOfCandidates()) {
            return;
        }
        String v = c.candidate().startsWith("candidate:") ? c.candidate().substring("candidate:".length()) : c.candidate();
        Candidate cand;
        try {
            cand = Candidate.parse(v);
        } catch (IllegalArgumentException e) {
            throw new NegotiationException("bad-message", "bad candidate: " + e.getMessage());
        }
        if (!"udp".equalsIgnoreCase(cand.transport()) || cand.address().endsWith(".local")) {
            return; // TCP candidates are not served; mDNS names resolve as peer-reflexive (DESIGN.md)
        }
        LOG.debug("{}: remote candidate {}", id, v);
        synchronized (candidates) {
            if (remoteUfrag == null) {
                // Credentials not known yet: a rolled-back client offer may have trickled
                // candidates of an ICE session that no longer exists. Hold them until the
                // description that fixes the ufrag arrives.
                if (candidates.size() < MAX_HELD_CANDIDATES) {
                    candidates.add(cand);
                }
                return;
            }
            if (!matchesUfrag(cand, remoteUfrag)) {
                LOG.debug("{}: dropping candidate of a stale ICE ufrag", id);
                return;
            }
        }
        ice.addRemoteCandidate(cand);
    }

    /** RFC 8838 §4.3 / RFC 8839 §5.1: a candidate whose ufrag names another session is stale. */
    private static boolean matchesUfrag(Candidate c, String ufrag) {
        String u = c.extensions().get("ufrag");
        return u == null || u.equals(ufrag);
    }

    /**
     * On the loop, before a client description is answered or applied: new ICE credentials in a client
     * offer restart ICE (RFC 8839 section 4.4.1.1.1, RFC 8445 section 9): the server's ICE-lite session
     * takes new credentials of its own (the answer carries them) and keeps DTLS, SRTP and its current
     * path until a check with the new credentials arrives. Nothing happens before the transport exists.
     */
    void onRemoteIceCredentials(SessionDescription remote, boolean isOffer) throws NegotiationException {
        if (transport == null) {
            return;
        }
        MediaDescription first = remote.media().isEmpty() ? null : remote.media().get(0);
        String ufrag = remote.iceUfrag() != null ? remote.iceUfrag() : first != null ? first.iceUfrag() : null;
        String pwd = remote.icePwd() != null ? remote.icePwd() : first != null ? first.icePwd() : null;
        if (ufrag == null || pwd == null) {
            return;
        }
        synchronized (candidates) {
            if (ufrag.equals(remoteUfrag)) {
                return;
            }
        }
        IceCredentials creds;
        try {
            creds = new IceCredentials(ufrag, pwd);
        } catch (IllegalArgumentException e) {
            throw new NegotiationException("bad-sdp", e.getMessage());
        }
        if (isOffer) {
            try {
                ice.restart(creds);
            } catch (IllegalStateException e) {
                throw new NegotiationException("unsupported", "ICE restart of participant " + id + ": " + e.getMessage());
            }
            LOG.info("room {} participant {}: ICE restart", room.id(), id);
        } else {
            ice.setRemoteCredentials(creds);
        }
        synchronized (candidates) {
            remoteUfrag = ufrag;
        }
    }

    /**
     * Called on the loop once the client's DTLS fingerprint, role and ICE credentials are known
     * (its first offer or answer). Later descriptions keep the transport (JSEP re-offers).
     */
    void ensureTransport(SessionDescription remote, io.junction.dtls.DtlsRole serverRole, boolean serverOffered)
            throws NegotiationException {
        if (transport != null) {
            return;
        }
        // RFC 8445 §6.1.1: the server is an ICE-lite agent, always controlled, whoever offered first.
        MediaDescription first = remote.media().isEmpty() ? null : remote.media().get(0);
        io.junction.dtls.Fingerprint fp = remote.fingerprint() != null ? remote.fingerprint()
                : first != null ? first.fingerprint() : null;
        String ufrag = remote.iceUfrag() != null ? remote.iceUfrag() : first != null ? first.iceUfrag() : null;
        String pwd = remote.icePwd() != null ? remote.icePwd() : first != null ? first.icePwd() : null;
        if (fp == null || ufrag == null || pwd == null) {
            throw new NegotiationException("bad-sdp", "missing ice-ufrag, ice-pwd or fingerprint");
        }
        try {
            ice.setRemoteCredentials(new IceCredentials(ufrag, pwd));
        } catch (IllegalArgumentException e) {
            throw new NegotiationException("bad-sdp", e.getMessage());
        }
        synchronized (candidates) {
            remoteUfrag = ufrag;
            for (Candidate c : candidates) {
                if (matchesUfrag(c, ufrag)) {
                    ice.addRemoteCandidate(c);
                }
            }
            candidates.clear();
        }
        MediaTransport t = new MediaTransport(l -> {
            iceListener.delegate = l;
            return ice;
        }, ctx.certificate(), fp, serverRole, ctx.handshakeExecutor(), ctx.handshakeTimeout(),
                io.junction.dtls.DtlsTransport.DEFAULT_PROFILES, new TransportEvents());
        transport = t;
        for (MediaDescription m : remote.media()) {
            for (String c : m.candidates()) {
                try {
                    addRemoteCandidate(new Negotiation.Candidate(c, m.mid(), -1));
                } catch (NegotiationException e) {
                    LOG.debug("{}: ignoring SDP candidate {}: {}", id, c, e.getMessage());
                }
            }
        }
        t.start();
    }

    @Override
    public void sendRtp(byte[] buf, int off, int len) {
        MediaTransport t = transport;
        if (t != null) {
            t.sendRtp(buf, off, len);
        }
    }

    @Override
    public void sendRtcp(byte[] buf, int off, int len) {
        MediaTransport t = transport;
        if (t != null) {
            t.sendRtcp(buf, off, len);
        }
    }

    @Override
    public void leave() {
        if (closed) {
            return;
        }
        closed = true;
        room.loop().execute(() -> room.remove(this, "left"));
    }

    /** On the loop, after the room dropped this participant's tracks and subscriptions. */
    void closeTransport() {
        closed = true;
        closeMedia();
    }

    /** True once the media transport failed or the peer closed it. */
    boolean mediaLost() {
        return mediaLost;
    }

    /**
     * On the loop, after the room dropped this participant's tracks and subscriptions because its
     * media transport failed: frees the transport and ICE but keeps the signaling membership.
     */
    void closeLostMedia() {
        mediaLost = true;
        closeMedia();
    }

    private void closeMedia() {
        rtpIn.close();
        rtcpIn.close();
        MediaTransport t = transport;
        if (t != null) {
            t.close();
        }
        ice.close();
    }

    /** True once the media transport connected (room worker thread only). */
    boolean mediaConnected() {
        return mediaConnected;
    }

    /** On the loop: the media transport connected. */
    void markMediaConnected() {
        mediaConnected = true;
    }

    MediaTransport transport() {
        return transport;
    }

    private final class TransportEvents implements MediaTransport.Listener {
        @Override
        public void onConnected() {
            LOG.info("room {} participant {}: media transport connected", room.id(), id);
            room.loop().execute(() -> room.onTransportConnected(SfuParticipant.this));
        }

        @Override
        public void onFailed(String reason) {
            LOG.info("room {} participant {}: media transport failed: {}", room.id(), id, reason);
            ctx.emit(new RoomEvent.TransportFailed(room.id(), id, reason));
            room.loop().execute(() -> room.onTransportLost(SfuParticipant.this, reason));
        }

        @Override
        public void onClosed() {
            LOG.info("room {} participant {}: media transport closed by the peer", room.id(), id);
            ctx.emit(new RoomEvent.TransportFailed(room.id(), id, "closed by the peer"));
            room.loop().execute(() -> room.onTransportLost(SfuParticipant.this, "closed by the peer"));
        }

        @Override
        public void onRtp(byte[] buf, int off, int len) {
            PacketBuffer p = ctx.pool().tryAcquire();
            if (p == null) {
                ctx.countPoolExhausted();
                return;
            }
            p.copyFrom(buf, off, len);
            rtpIn.offer(p);
        }

        @Override
        public void onRtcp(byte[] buf, int off, int len) {
            PacketBuffer p = ctx.pool().tryAcquire();
            if (p == null) {
                ctx.countPoolExhausted();
                return;
            }
            p.copyFrom(buf, off, len);
            rtcpIn.offer(p);
        }
    }

    @FunctionalInterface
    private interface NegotiationStep {
        void run() throws NegotiationException;
    }

    private static final class StepFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient NegotiationException failure;

        StepFailure(NegotiationException failure) {
            super(failure.getMessage(), null, false, false);
            this.failure = failure;
        }
    }
}
