package io.junction.transport;

import io.junction.dtls.DtlsCertificate;
import io.junction.dtls.DtlsListener;
import io.junction.dtls.DtlsRole;
import io.junction.dtls.DtlsTransport;
import io.junction.dtls.Fingerprint;
import io.junction.ice.IceTransport;
import io.junction.rtp.PacketClassifier;
import io.junction.srtp.SrtpKeyingMaterial;
import io.junction.srtp.SrtpProfile;
import io.junction.srtp.SrtpSession;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * One participant's media transport: ICE, then DTLS-SRTP (RFC 5764) on the selected pair, with the
 * RFC 7983 §7 demultiplexer in front. Close cascade: MediaTransport → DTLS (close_notify) → SRTP → ICE.
 * See the package documentation for the threading model.
 */
public final class MediaTransport implements AutoCloseable {
    /** Lifecycle; FAILED and CLOSED are final. */
    public enum State { NEW, CONNECTING, CONNECTED, FAILED, CLOSED }

    /** Callbacks; media buffers are decrypted in place and valid only during the call. */
    public interface Listener {
        /** DTLS finished and SRTP keys are installed. */
        void onConnected();

        /** ICE or DTLS failed (reason says which); resources are freed. */
        void onFailed(String reason);

        /** The peer closed DTLS (close_notify); resources are freed. */
        void onClosed();

        /** A decrypted RTP packet. */
        void onRtp(byte[] buf, int off, int len);

        /** A decrypted RTCP compound packet. */
        void onRtcp(byte[] buf, int off, int len);

        /**
         * One DTLS application-data record: an SCTP packet for data channels (RFC 8261 §5), on the
         * thread that fed the datagram (the ICE receive thread) with the DTLS lock held: copy it and
         * hand it to the thread that owns the association; do not block or send from here.
         *
         * @return true if taken; false has it counted as dropped (the default: no data channels)
         */
        default boolean onApplicationData(byte[] buf, int off, int len) {
            return false;
        }
    }

    private volatile IceTransport ice;
    /** A restart's ICE transport until it connects (null otherwise). */
    private volatile IceEvents pendingIce;
    /** The current ICE transport failed while a restart was pending. */
    private volatile String currentIceFailure;
    /** Created by {@link #start} (null before). */
    private volatile DtlsTransport dtls;
    private final DtlsCertificate local;
    private final Executor handshakeExecutor;
    private final Duration handshakeTimeout;
    private final List<SrtpProfile> profiles;
    private final Listener listener;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final Object sendLock = new Object();
    private final LongAdder in = new LongAdder();
    private final LongAdder out = new LongAdder();
    private final LongAdder rtpIn = new LongAdder();
    private final LongAdder rtcpIn = new LongAdder();
    private final LongAdder dtlsIn = new LongAdder();
    private final Map<DropReason, LongAdder> drops = new EnumMap<>(DropReason.class);
    private volatile SrtpSession srtp;
    private final long handshakeTimeoutNanos;
    private volatile long handshakeDeadline; // System.nanoTime() by which DTLS must complete

    /**
     * Creates the transport with its ICE transport; DTLS is created by {@link #start}, once the
     * peer's fingerprint and the DTLS role are known (they arrive with the peer's description,
     * which may come after the ICE session had to exist, e.g. to write the local credentials).
     *
     * @param iceFactory        creates the ICE transport with the listener it is given (e.g.
     *                          {@code port::createServerTransport}); signal its credentials and candidates
     *                          through {@link #ice()} before {@link #start}
     * @param local             our DTLS certificate
     * @param handshakeExecutor runs the blocking DTLS handshake (one task per handshake)
     * @param handshakeTimeout  time from {@link #start} until DTLS completes, ICE included: the
     *                          DTLS handshake gets what ICE left of it (100 ms .. 10 min). ICE's own
     *                          connect timer still applies; keep it no longer than this
     * @param profiles          SRTP profiles offered/accepted, most preferred first
     */
    public MediaTransport(Function<IceTransport.Listener, IceTransport> iceFactory, DtlsCertificate local,
                          Executor handshakeExecutor, Duration handshakeTimeout, List<SrtpProfile> profiles,
                          Listener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.handshakeTimeout = Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        this.handshakeTimeoutNanos = handshakeTimeout.toNanos();
        this.local = Objects.requireNonNull(local, "local");
        this.handshakeExecutor = Objects.requireNonNull(handshakeExecutor, "handshakeExecutor");
        this.profiles = List.copyOf(profiles);
        for (DropReason r : DropReason.values()) {
            drops.put(r, new LongAdder());
        }
        IceEvents events = new IceEvents();
        this.ice = Objects.requireNonNull(iceFactory.apply(events), "ice");
        events.own = ice;
    }

    /** The ICE transport, for signalling credentials and candidates. */
    public IceTransport ice() {
        return ice;
    }

    /**
     * ICE restart by replacing the ICE transport (a client: its ice4j agent cannot restart in place;
     * RFC 8445 §9): {@code iceFactory} creates the new one with the listener it is given; signal its
     * credentials and candidates, set the peer's new ones, then {@link IceTransport#start()} it. DTLS and
     * SRTP keep their state: datagrams of the new path feed the same association, and once the new ICE
     * connects sends move to it and the old one is closed. Until then the old one carries the media.
     *
     * @return the new ICE transport
     * @throws IllegalStateException before {@link #start()} or after failure/close
     */
    public IceTransport restartIce(Function<IceTransport.Listener, IceTransport> iceFactory) {
        State s = state.get();
        if (s != State.CONNECTING && s != State.CONNECTED) {
            throw new IllegalStateException("ICE restart in state " + s);
        }
        IceEvents events = new IceEvents();
        events.replacing = true;
        IceTransport next = Objects.requireNonNull(iceFactory.apply(events), "ice");
        events.own = next;
        IceEvents before = pendingIce;
        pendingIce = events;
        if (before != null && before.own != null) {
            before.own.close(); // a restart replacing an unfinished restart
        }
        return next;
    }

    /**
     * Starts ICE checks; DTLS starts when ICE connects, with what is left of the handshake timeout.
     *
     * @param remoteFingerprint the peer's {@code a=fingerprint} (RFC 8122 §5)
     * @param role              from the peer's {@code a=setup} (RFC 5763 §5: active peer → we are SERVER)
     */
    public void start(Fingerprint remoteFingerprint, DtlsRole role) {
        Objects.requireNonNull(remoteFingerprint, "remoteFingerprint");
        Objects.requireNonNull(role, "role");
        if (state.get() != State.NEW) {
            throw new IllegalStateException("start() in state " + state.get());
        }
        dtls = new DtlsTransport(role, local, remoteFingerprint, this::sendDtls, new DtlsEvents(),
                handshakeExecutor, handshakeTimeout, profiles);
        if (!state.compareAndSet(State.NEW, State.CONNECTING)) {
            dtls.close(); // closed meanwhile
            throw new IllegalStateException("start() in state " + state.get());
        }
        handshakeDeadline = System.nanoTime() + handshakeTimeoutNanos;
        ice.start();
    }

    /** SRTP-protects in place (leave {@link SrtpSession#MAX_TRAILER} bytes of tailroom) and sends. */
    public void sendRtp(byte[] buf, int off, int len) {
        send(buf, off, len, false);
    }

    /** SRTCP-protects in place (leave {@link SrtpSession#MAX_TRAILER} bytes of tailroom) and sends. */
    public void sendRtcp(byte[] buf, int off, int len) {
        send(buf, off, len, true);
    }

    private void send(byte[] buf, int off, int len, boolean rtcp) {
        SrtpSession s = srtp;
        if (s == null || state.get() != State.CONNECTED) {
            drops.get(DropReason.NOT_CONNECTED).increment();
            return;
        }
        synchronized (sendLock) { // SRTP: one thread at a time per direction
            int n = rtcp ? s.protectRtcp(buf, off, len) : s.protectRtp(buf, off, len);
            if (n < 0) {
                drops.get(DropReason.SEND_PROTECT_FAILED).increment();
                return;
            }
            out.increment();
            ice.send(buf, off, n);
        }
    }

    /**
     * Sends one SCTP packet as a DTLS application-data record (RFC 8261 §5) of at most
     * {@link #applicationDataLimit()} bytes.
     *
     * @return false if not connected or not sent (counted by the DTLS transport)
     */
    public boolean sendApplicationData(byte[] buf, int off, int len) {
        DtlsTransport d = dtls;
        if (d == null || state.get() != State.CONNECTED) {
            drops.get(DropReason.NOT_CONNECTED).increment();
            return false;
        }
        boolean sent = d.sendApplicationData(buf, off, len);
        if (sent) {
            out.increment();
        }
        return sent;
    }

    /** The largest SCTP packet {@link #sendApplicationData} carries (use it as the association's MTU). */
    public int applicationDataLimit() {
        DtlsTransport d = dtls;
        return d == null ? DtlsTransport.APPLICATION_DATA_FLOOR : d.applicationDataLimit();
    }

    /** Our DTLS role (RFC 8832 §6: the DTLS client uses even stream ids), or null before the start. */
    public DtlsRole dtlsRole() {
        DtlsTransport d = dtls;
        return d == null ? null : d.role();
    }

    /** The current state. */
    public State state() {
        return state.get();
    }

    /** Counters. */
    public TransportStats stats() {
        Map<DropReason, Long> d = new EnumMap<>(DropReason.class);
        drops.forEach((k, v) -> d.put(k, v.sum()));
        return new TransportStats(in.sum(), out.sum(), rtpIn.sum(), rtcpIn.sum(), dtlsIn.sum(), Map.copyOf(d));
    }

    /** Closes DTLS (close_notify), SRTP and ICE. No callback. Idempotent. */
    @Override
    public void close() {
        State s = state.getAndSet(State.CLOSED);
        if (s != State.CLOSED) {
            free();
        }
    }

    private void free() {
        DtlsTransport d = dtls;
        if (d != null) {
            d.close();
        }
        ice.close();
        IceEvents p = pendingIce;
        if (p != null && p.own != null) {
            p.own.close();
        }
        synchronized (sendLock) {
            SrtpSession s = srtp;
            srtp = null;
            if (s != null) {
                s.close();
            }
        }
    }

    private void fail(String reason) {
        State s;
        do {
            s = state.get();
            if (s == State.FAILED || s == State.CLOSED) {
                return;
            }
        } while (!state.compareAndSet(s, State.FAILED));
        try {
            listener.onFailed(reason);
        } finally {
            free();
        }
    }

    private final EarlyPackets early = new EarlyPackets(32);
    private volatile boolean holding = true;

    private void sendDtls(byte[] buf, int off, int len) {
        out.increment();
        ice.send(buf, off, len);
    }

    /** RFC 7983 §7 demux of one datagram from the selected pair (ICE receive thread). */
    private void onDatagram(byte[] buf, int off, int len) {
        in.increment();
        switch (PacketClassifier.classify(buf, off, len)) {
            case DTLS -> {
                DtlsTransport d = dtls;
                if (d == null) {
                    drops.get(DropReason.NOT_CONNECTED).increment(); // before start: no fingerprint to check against
                    return;
                }
                DtlsTransport.State ds = d.state();
                if (ds == DtlsTransport.State.FAILED || ds == DtlsTransport.State.CLOSED) {
                    drops.get(DropReason.DTLS_AFTER_FAILURE).increment();
                } else {
                    dtlsIn.increment();
                    d.receive(buf, off, len);
                }
            }
            case RTP_RTCP -> onSrtp(buf, off, len);
            default -> drops.get(DropReason.UNKNOWN_KIND).increment();
        }
    }

    /**
     * Until the keys exist and the held packets are delivered, the ICE thread and the thread
     * that completes the handshake hand packets over under the {@code early} lock, so the
     * listener still sees one producer at a time; afterwards the path takes no lock.
     */
    private void onSrtp(byte[] buf, int off, int len) {
        if (holding) {
            synchronized (early) {
                SrtpSession s = srtp;
                if (s == null || state.get() != State.CONNECTED) {
                    if (state.get() != State.CONNECTING || !early.hold(buf, off, len)) {
                        drops.get(DropReason.NOT_CONNECTED).increment();
                    }
                    return;
                }
                deliverHeld(s);
                unprotect(s, buf, off, len);
            }
            return;
        }
        SrtpSession s = srtp;
        if (s == null || state.get() != State.CONNECTED) {
            drops.get(DropReason.NOT_CONNECTED).increment();
            return;
        }
        unprotect(s, buf, off, len);
    }

    /** Under the {@code early} lock: delivers held packets, then lets the lock-free path take over. */
    private void deliverHeld(SrtpSession s) {
        if (early.size() > 0) {
            early.drain((b, o, l) -> unprotect(s, b, o, l));
        }
        holding = false;
    }

    private void unprotect(SrtpSession s, byte[] buf, int off, int len) {
        boolean rtcp = PacketClassifier.isRtcp(buf, off, len);
        int n = rtcp ? s.unprotectRtcp(buf, off, len) : s.unprotectRtp(buf, off, len);
        if (n < 0) {
            drops.get(n == SrtpSession.AUTH_FAILED ? DropReason.SRTP_AUTH
                    : n == SrtpSession.REPLAYED ? DropReason.SRTP_REPLAY : DropReason.SRTP_INVALID).increment();
            return;
        }
        if (rtcp) {
            rtcpIn.increment();
            listener.onRtcp(buf, off, n);
        } else {
            rtpIn.increment();
            listener.onRtp(buf, off, n);
        }
    }

    /** Events of one ICE transport: the current one, or a restart's replacement until it connects. */
    private final class IceEvents implements IceTransport.Listener {
        volatile IceTransport own;
        volatile boolean replacing;

        @Override
        public void onConnected() {
            if (replacing) {
                if (pendingIce != this) {
                    return; // superseded by a later restart
                }
                replacing = false;
                pendingIce = null;
                currentIceFailure = null;
                IceTransport old = ice;
                ice = own; // the restart's path now carries DTLS and SRTP
                if (old != own) {
                    old.close();
                }
                if (state.get() == State.CONNECTED) {
                    own.established();
                }
                return;
            }
            if (state.get() == State.CONNECTING) {
                dtls.start(handshakeDeadline);
            }
        }

        @Override
        public void onFailed(String reason) {
            if (replacing) {
                if (pendingIce == this) {
                    pendingIce = null;
                    if (currentIceFailure != null) {
                        fail("ICE: " + currentIceFailure + "; restart failed: " + reason);
                    }
                }
                return; // a replacement that never connected: the current path stays
            }
            if (pendingIce != null) {
                currentIceFailure = reason; // the restart under way may still bring the session back
                return;
            }
            fail("ICE: " + reason);
        }

        @Override
        public void onData(byte[] buf, int off, int len) {
            onDatagram(buf, off, len);
        }
    }

    private final class DtlsEvents implements DtlsListener {
        @Override
        public void onHandshakeComplete(SrtpKeyingMaterial keys) {
            SrtpSession s = new SrtpSession(keys);
            srtp = s;
            ice.established(); // no longer half-open at the media port
            if (state.compareAndSet(State.CONNECTING, State.CONNECTED)) {
                listener.onConnected();
                synchronized (early) {
                    deliverHeld(s); // what arrived before the keys, without waiting for a next packet
                }
            }
        }

        @Override
        public void onFailure(String reason) {
            fail("DTLS: " + reason);
        }

        @Override
        public boolean onApplicationData(byte[] buf, int off, int len) {
            return state.get() == State.CONNECTED && listener.onApplicationData(buf, off, len);
        }

        @Override
        public void onClosed() {
            State s = state.get();
            if (s != State.FAILED && s != State.CLOSED && state.compareAndSet(s, State.CLOSED)) {
                try {
                    listener.onClosed();
                } finally {
                    free();
                }
            }
        }
    }
}
