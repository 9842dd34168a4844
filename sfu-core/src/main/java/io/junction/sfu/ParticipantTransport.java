package io.junction.sfu;

import io.junction.dtls.DtlsRole;
import io.junction.dtls.Fingerprint;
import io.junction.ice.Candidate;
import io.junction.ice.IceCredentials;
import io.junction.ice.IceTransport;
import io.junction.rtp.PacketBuffer;
import io.junction.sfu.room.MediaSender;
import io.junction.sfu.sdp.MediaDescription;
import io.junction.sfu.sdp.SessionDescription;
import io.junction.sfu.signal.Negotiation;
import io.junction.sfu.signal.NegotiationException;
import io.junction.sfu.worker.InboundQueue;
import io.junction.sfu.worker.WorkerLoop;
import io.junction.transport.MediaTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The transport side of one participant: its {@link MediaTransport}, created at join with its
 * ICE-lite session and started once the client's fingerprint and DTLS role are known, the
 * remote candidates held until the ICE credentials that own them arrive, the inbound queues that
 * carry decrypted packets to the room's worker, and the send paths ({@link MediaSender}).
 *
 * <p>Threads: {@link #addRemoteCandidate} runs on signaling threads; {@link #ensureStarted},
 * {@link #onRemoteIceCredentials} and {@link #close} on the room's worker; the send methods on
 * the worker; transport callbacks arrive on transport threads and are handed to {@link Events},
 * which must only post to the worker. The candidate hold is guarded by its own lock.
 */
final class ParticipantTransport implements MediaSender {
    private static final Logger LOG = LoggerFactory.getLogger(ParticipantTransport.class);
    private static final int MAX_HELD_CANDIDATES = 64;

    /** Transport outcomes, called on transport threads. */
    interface Events {
        void onConnected();

        /** ICE or DTLS failed ({@code reason}), or the peer closed DTLS. */
        void onLost(String reason);
    }

    private final String label;
    private final EngineContext ctx;
    private final Events events;
    private final MediaTransport transport;
    private final IceTransport ice;
    private final InboundQueue rtpIn;
    private final InboundQueue rtcpIn;
    private final List<Candidate> candidates = new ArrayList<>();
    private String remoteUfrag; // guarded by candidates
    /** Data channels: takes DTLS application data on the transport thread (set once, at creation). */
    private volatile io.junction.sfu.data.DataLink data;
    /** The media transport was started (fingerprint and role known); room worker thread only. */
    private boolean started;

    /**
     * @param label  "room R participant P", for logs
     * @param rtp    the worker-side consumer of decrypted RTP (takes ownership)
     * @param rtcp   the worker-side consumer of decrypted RTCP (takes ownership)
     */
    ParticipantTransport(String label, EngineContext ctx, WorkerLoop loop, Events events,
                         InboundQueue.Consumer rtp, InboundQueue.Consumer rtcp) {
        this.label = label;
        this.ctx = ctx;
        this.events = events;
        // The ICE-lite session belongs to the media transport from the start: its credentials
        // go into the first server description, before the client's fingerprint and role are known.
        this.transport = new MediaTransport(ctx.icePort()::createServerTransport, ctx.certificate(),
                ctx.handshakeExecutor(), ctx.handshakeTimeout(), io.junction.dtls.DtlsTransport.DEFAULT_PROFILES,
                new TransportEvents());
        this.ice = transport.ice();
        this.rtpIn = new InboundQueue(loop, 1024, rtp);
        this.rtcpIn = new InboundQueue(loop, 256, rtcp);
    }

    IceTransport ice() {
        return ice;
    }

    /** Routes DTLS application data (SCTP, RFC 8261) to the participant's data channels. */
    void attachData(io.junction.sfu.data.DataLink d) {
        data = d;
    }

    /** On the loop: the media transport once started (the client's fingerprint and role known), else null. */
    MediaTransport startedMedia() {
        return started ? transport : null;
    }

    /** A trickled candidate (signaling thread). */
    void addRemoteCandidate(Negotiation.Candidate c) throws NegotiationException {
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
        LOG.debug("{}: remote candidate {}", label, v);
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
                LOG.debug("{}: dropping candidate of a stale ICE ufrag", label);
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
        if (!started) {
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
                throw new NegotiationException("unsupported", "ICE restart of " + label + ": " + e.getMessage());
            }
            LOG.info("{}: ICE restart", label);
        } else {
            ice.setRemoteCredentials(creds);
        }
        synchronized (candidates) {
            remoteUfrag = ufrag;
        }
    }

    /**
     * Called on the loop once the client's DTLS fingerprint, role and ICE credentials are known
     * (its first offer or answer): creates and starts the media transport. Later descriptions
     * keep it (JSEP re-offers). RFC 8445 §6.1.1: the server is an ICE-lite agent, always
     * controlled, whoever offered first.
     */
    void ensureStarted(SessionDescription remote, DtlsRole serverRole) throws NegotiationException {
        if (started) {
            return;
        }
        MediaDescription first = remote.media().isEmpty() ? null : remote.media().get(0);
        Fingerprint fp = remote.fingerprint() != null ? remote.fingerprint()
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
        started = true;
        for (MediaDescription m : remote.media()) {
            for (String c : m.candidates()) {
                try {
                    addRemoteCandidate(new Negotiation.Candidate(c, m.mid(), -1));
                } catch (NegotiationException e) {
                    LOG.debug("{}: ignoring SDP candidate {}: {}", label, c, e.getMessage());
                }
            }
        }
        transport.start(fp, serverRole);
    }

    @Override
    public void sendRtp(byte[] buf, int off, int len) {
        if (started) { // before start nothing is sent and nothing counted, as before the transport existed
            transport.sendRtp(buf, off, len);
        }
    }

    @Override
    public void sendRtcp(byte[] buf, int off, int len) {
        if (started) {
            transport.sendRtcp(buf, off, len);
        }
    }

    /** On the loop: stops the inbound queues, closes the media transport and ICE. Idempotent. */
    void close() {
        rtpIn.close();
        rtcpIn.close();
        transport.close(); // DTLS (if started), SRTP, ICE
    }

    private final class TransportEvents implements MediaTransport.Listener {
        @Override
        public void onConnected() {
            LOG.info("{}: media transport connected", label);
            events.onConnected();
        }

        @Override
        public void onFailed(String reason) {
            LOG.info("{}: media transport failed: {}", label, reason);
            events.onLost(reason);
        }

        @Override
        public void onClosed() {
            LOG.info("{}: media transport closed by the peer", label);
            events.onLost("closed by the peer");
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
        public boolean onApplicationData(byte[] buf, int off, int len) {
            io.junction.sfu.data.DataLink d = data;
            return d != null && d.onApplicationData(buf, off, len);
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
}
