package io.junction.transport.client;

import io.junction.dtls.DtlsCertificate;
import io.junction.dtls.DtlsRole;
import io.junction.dtls.Fingerprint;
import io.junction.ice.Candidate;
import io.junction.ice.IceCredentials;
import io.junction.ice.IceTransport;
import io.junction.srtp.SrtpProfile;
import io.junction.transport.MediaTransport;
import io.junction.transport.TransportStats;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * A Java WebRTC client peer (tests, load generation): ICE controlling on its own ephemeral port, DTLS
 * client by default ({@code a=setup:active}), SRTP. Create it, signal {@link #localCredentials()},
 * {@link #localCandidates()} and {@link #localFingerprint()} to the server, then {@link #connect}.
 */
public final class ClientPeer implements AutoCloseable {
    private final DtlsCertificate certificate;
    private final DtlsRole role;
    private final Executor handshakeExecutor;
    private final Duration handshakeTimeout;
    private final List<SrtpProfile> profiles;
    private final MediaTransport.Listener listener;
    private final String bindAddress;
    private volatile IceTransport ice;
    private volatile IceTransport restarting;
    private final ForwardingIceListener forward = new ForwardingIceListener();
    private volatile MediaTransport media;

    /**
     * @param bindAddress IP literal to bind the client's UDP port to (127.0.0.1 in tests)
     * @param certificate our DTLS certificate
     * @param role        our DTLS role (CLIENT unless the server is active)
     * @param profiles    SRTP profiles to offer, most preferred first
     */
    public ClientPeer(String bindAddress, DtlsCertificate certificate, DtlsRole role, Executor handshakeExecutor,
                      Duration handshakeTimeout, List<SrtpProfile> profiles, MediaTransport.Listener listener) {
        this.certificate = Objects.requireNonNull(certificate, "certificate");
        this.role = Objects.requireNonNull(role, "role");
        this.handshakeExecutor = Objects.requireNonNull(handshakeExecutor, "handshakeExecutor");
        this.handshakeTimeout = Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        this.profiles = List.copyOf(profiles);
        this.listener = Objects.requireNonNull(listener, "listener");
        this.bindAddress = bindAddress;
        this.ice = IceTransport.createClient(bindAddress, forward);
    }

    /** Our ICE credentials, to send to the server. */
    public IceCredentials localCredentials() {
        return ice.localCredentials();
    }

    /** Our host candidate(s), to send to the server. */
    public List<Candidate> localCandidates() {
        return ice.localCandidates();
    }

    /** Our certificate fingerprint, to send to the server. */
    public Fingerprint localFingerprint() {
        return certificate.fingerprint();
    }

    /** Starts ICE towards the server, then DTLS expecting {@code serverFingerprint}. */
    public void connect(IceCredentials serverCredentials, List<Candidate> serverCandidates,
                        Fingerprint serverFingerprint) {
        synchronized (this) {
            if (media != null) {
                throw new IllegalStateException("connect() called twice");
            }
            media = new MediaTransport(l -> {
                forward.target = l;
                return ice;
            }, certificate, handshakeExecutor, handshakeTimeout, profiles, listener);
        }
        ice.setRemoteCredentials(serverCredentials);
        serverCandidates.forEach(ice::addRemoteCandidate);
        media.start(serverFingerprint, role);
    }

    /**
     * ICE restart (RFC 8445 §9): a new ICE agent on a new ephemeral port, with new credentials; signal
     * {@link #localCredentials()} and {@link #localCandidates()} (now the new ones) in a re-offer, then
     * call {@link #completeIceRestart} with the server's answer. DTLS and SRTP are kept.
     */
    public synchronized void restartIce() {
        MediaTransport m = media;
        if (m == null) {
            throw new IllegalStateException("restartIce() before connect()");
        }
        IceTransport next = m.restartIce(l -> IceTransport.createClient(bindAddress, l));
        IceTransport before = restarting;
        restarting = next;
        ice = next;
        if (before != null && before != next) {
            before.close();
        }
    }

    /** The server's answer to the restart offer: its new credentials and candidates; starts the checks. */
    public synchronized void completeIceRestart(IceCredentials serverCredentials, List<Candidate> serverCandidates) {
        IceTransport next = restarting;
        if (next == null) {
            throw new IllegalStateException("no ICE restart under way");
        }
        restarting = null;
        next.setRemoteCredentials(serverCredentials);
        serverCandidates.forEach(next::addRemoteCandidate);
        next.start();
    }

    /** True between {@link #restartIce()} and {@link #completeIceRestart}. */
    public boolean iceRestartPending() {
        return restarting != null;
    }

    /** See {@link MediaTransport#sendRtp}. */
    public void sendRtp(byte[] buf, int off, int len) {
        MediaTransport m = media;
        if (m != null) {
            m.sendRtp(buf, off, len);
        }
    }

    /** See {@link MediaTransport#sendRtcp}. */
    public void sendRtcp(byte[] buf, int off, int len) {
        MediaTransport m = media;
        if (m != null) {
            m.sendRtcp(buf, off, len);
        }
    }

    /** See {@link MediaTransport#sendApplicationData}; false before connect. */
    public boolean sendApplicationData(byte[] buf, int off, int len) {
        MediaTransport m = media;
        return m != null && m.sendApplicationData(buf, off, len);
    }

    /** Raw datagram on the selected pair, bypassing SRTP (tests of hostile input). */
    public void sendRaw(byte[] buf, int off, int len) {
        ice.send(buf, off, len);
    }

    /** The media transport state (NEW before {@link #connect}). */
    public MediaTransport.State state() {
        MediaTransport m = media;
        return m == null ? MediaTransport.State.NEW : m.state();
    }

    /** Counters of the media transport, or null before connect. */
    public TransportStats stats() {
        MediaTransport m = media;
        return m == null ? null : m.stats();
    }

    /** The ICE transport. */
    public IceTransport ice() {
        return ice;
    }

    @Override
    public void close() {
        MediaTransport m = media;
        if (m != null) {
            m.close();
        }
        ice.close();
        IceTransport r = restarting;
        if (r != null) {
            r.close();
        }
    }

    private static final class ForwardingIceListener implements IceTransport.Listener {
        private volatile IceTransport.Listener target;

        @Override
        public void onConnected() {
            IceTransport.Listener t = target;
            if (t != null) {
                t.onConnected();
            }
        }

        @Override
        public void onFailed(String reason) {
            IceTransport.Listener t = target;
            if (t != null) {
                t.onFailed(reason);
            }
        }

        @Override
        public void onData(byte[] buf, int off, int len) {
            IceTransport.Listener t = target;
            if (t != null) {
                t.onData(buf, off, len);
            }
        }
    }
}
