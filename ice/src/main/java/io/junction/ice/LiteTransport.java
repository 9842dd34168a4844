package io.junction.ice;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's ICE-lite session (RFC 8445 §2.5): no checks of its own, always controlled; its state is
 * the paths that valid checks created. A join creates this object only (no socket, no thread); its
 * credentials are registered at the port when they are first read for an SDP; the first check with
 * valid MESSAGE-INTEGRITY creates its first path (and takes a half-open slot of that remote address).
 *
 * <p>Where media goes: the remote address of the latest valid check with USE-CANDIDATE (RFC 8445
 * §7.3.1.5), or before any nomination that of the first valid check, so DTLS can start at once. A
 * nominated check from a new address (NAT rebinding, a new network, an ICE restart) moves it there.
 *
 * <p>Consent (RFC 7675 §5.1): a connected session with no valid check for the consent timeout fails.
 * A started session with no path after the connect timeout fails. A session with a path that is never
 * started (its peer never sent a description) loses the path after the connect timeout (its half-open
 * slot comes back).
 */
final class LiteTransport implements IceTransport {
    private static final Logger LOG = LoggerFactory.getLogger(LiteTransport.class);
    /** Remote addresses one session keeps routed to it at most (its peer's candidates); the oldest goes. */
    static final int MAX_PATHS = 8;

    /** Where media goes: a remote address and the local socket (or ICE-TCP connection) its check arrived on. */
    record Route(InetSocketAddress remote, PathSender sender) {
    }

    private final IcePort port;
    private final DataGate gate;
    private final long connectTimeoutMs;
    private final long consentTimeoutMs;
    private final CandidateFilter candidateFilter;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final Object lock = new Object();
    private final ArrayDeque<InetSocketAddress> paths = new ArrayDeque<>();
    private final LongAdder sent = new LongAdder();
    private final LongAdder sendDroppedNotConnected = new LongAdder();
    private final LongAdder sendErrors = new LongAdder();
    private final LongAdder validChecks = new LongAdder();
    private final LongAdder pathChanges = new LongAdder();
    private IceCredentials local = IceCredentials.random();
    private IceCredentials previous;
    private boolean registered;
    private volatile IceCredentials remote;
    private volatile Route selected;
    private volatile long lastCheckMs;
    private long firstCheckMs;
    private long startedMs;
    private InetAddress halfOpenSlot;
    private boolean established;

    LiteTransport(IcePort port, Listener listener, long connectTimeoutMs, long consentTimeoutMs,
                  CandidateFilter candidateFilter) {
        this.port = port;
        this.gate = new DataGate(Objects.requireNonNull(listener, "listener"), true);
        this.connectTimeoutMs = connectTimeoutMs;
        this.consentTimeoutMs = consentTimeoutMs;
        this.candidateFilter = candidateFilter;
    }

    @Override
    public IceCredentials localCredentials() {
        synchronized (lock) {
            if (!registered && !isOver()) {
                registered = true;
                port.register(local, this);
            }
            return local;
        }
    }

    @Override
    public List<Candidate> localCandidates() {
        return port.candidates();
    }

    @Override
    public void setRemoteCredentials(IceCredentials c) {
        this.remote = Objects.requireNonNull(c, "credentials");
    }

    /** The peer's credentials (a lite agent signs with its own password only; kept for diagnostics). */
    IceCredentials remoteCredentials() {
        return remote;
    }

    /** A lite agent sends no checks (RFC 8445 §2.5): candidates are only filtered and counted. */
    @Override
    public void addRemoteCandidate(Candidate c) {
        if ("udp".equals(c.transport()) && IpLiterals.isLiteral(c.address())) {
            candidateFilter.admit(c.address());
        }
    }

    @Override
    public void setControlling(boolean controlling) {
        // RFC 8445 §6.1.1: with a lite peer the full agent controls; a lite agent is always controlled.
    }

    @Override
    public boolean isControlling() {
        return false;
    }

    @Override
    public void start() {
        if (remote == null) {
            throw new IllegalStateException("setRemoteCredentials must be called before start()");
        }
        localCredentials(); // registered at the latest now
        if (!state.compareAndSet(State.NEW, State.CHECKING)) {
            throw new IllegalStateException("start() in state " + state.get());
        }
        synchronized (lock) {
            startedMs = port.nowMs();
        }
        if (selected != null) {
            connect();
        }
    }

    @Override
    public IceCredentials restart(IceCredentials newRemote) {
        Objects.requireNonNull(newRemote, "newRemote");
        synchronized (lock) {
            if (isOver()) {
                throw new IllegalStateException("ICE restart in state " + state.get());
            }
            if (previous != null) {
                port.unregister(previous, this); // a second restart before the first completed
            }
            previous = registered ? local : null;
            local = IceCredentials.random();
            registered = true;
            port.register(local, this);
            remote = newRemote;
            LOG.debug("ICE restart: new server ufrag {}", local.ufrag());
            return local;
        }
    }

    @Override
    public void send(byte[] buf, int off, int len) {
        Route r = selected;
        if (r == null || state.get() != State.CONNECTED) {
            sendDroppedNotConnected.increment();
            return;
        }
        if (r.sender().send(buf, off, len, r.remote())) {
            sent.increment();
        } else {
            sendErrors.increment();
        }
    }

    @Override
    public State state() {
        return state.get();
    }

    @Override
    public InetSocketAddress selectedRemoteAddress() {
        Route r = selected;
        return r == null ? null : r.remote();
    }

    @Override
    public IceTransportStats stats() {
        return new IceTransportStats(gate.received(), gate.delivered(), gate.droppedNotSelected(),
                gate.droppedEarly(), sent.sum(), sendDroppedNotConnected.sum(), sendErrors.sum(), 0,
                candidateFilter.rejected());
    }

    /** Valid checks received (consent refreshes included). */
    long validChecks() {
        return validChecks.sum();
    }

    /** Times the media address moved to another nominated address. */
    long pathChanges() {
        return pathChanges.sum();
    }

    @Override
    public void established() {
        synchronized (lock) {
            established = true;
            releaseSlot();
        }
    }

    @Override
    public void close() {
        State s;
        do {
            s = state.get();
            if (s == State.FAILED || s == State.CLOSED) {
                return;
            }
        } while (!state.compareAndSet(s, State.CLOSED));
        gate.close();
        port.remove(this);
    }

    // ---- called by the port's I/O thread ----

    /**
     * Whether a valid check from {@code from} needs a half-open slot of its address first: only the check
     * that creates the session's first path does.
     */
    boolean needsSlot() {
        synchronized (lock) {
            return halfOpenSlot == null && !established && paths.isEmpty() && !isOver();
        }
    }

    /** The port granted a half-open slot of {@code ip} (released at {@link #established}, failure or close). */
    void holdSlot(InetAddress ip) {
        synchronized (lock) {
            halfOpenSlot = ip;
        }
    }

    /**
     * A valid check from {@code from} on {@code socket} with credentials {@code used}; returns the
     * address the session stopped routing (beyond {@link #MAX_PATHS}) or null.
     */
    InetSocketAddress onValidCheck(InetSocketAddress from, PathSender socket, boolean useCandidate,
                                   IceCredentials used, long nowMs) {
        InetSocketAddress evicted = null;
        boolean connectNow;
        synchronized (lock) {
            if (isOver()) {
                return null;
            }
            validChecks.increment();
            lastCheckMs = nowMs;
            if (paths.isEmpty()) {
                firstCheckMs = nowMs;
            }
            if (previous != null && used.equals(local)) {
                port.unregister(previous, this); // RFC 8445 §9: the restart is complete
                LOG.debug("ufrag {}: ICE restart complete, ufrag {} retired", local.ufrag(), previous.ufrag());
                previous = null;
            }
            if (!paths.contains(from)) {
                paths.addLast(from);
                if (paths.size() > MAX_PATHS) {
                    evicted = paths.pollFirst();
                }
            }
            Route r = new Route(from, socket);
            Route cur = selected;
            if (cur == null || (useCandidate && !cur.equals(r)) || (cur.remote().equals(evicted))) {
                selected = r;
                if (cur != null) {
                    pathChanges.increment();
                    LOG.debug("ufrag {}: media path {} -> {}", local.ufrag(), cur.remote(), from);
                }
            }
            connectNow = state.get() == State.CHECKING;
        }
        if (connectNow) {
            connect();
        }
        return evicted;
    }

    /** A DTLS/SRTP datagram from one of this session's paths. */
    void onData(byte[] buf, int off, int len, InetSocketAddress from) {
        gate.deliver(buf, off, len, from);
    }

    /** Timers (RFC 7675 consent, connect timeout), run by the port every few hundred ms. */
    void sweep(long nowMs) {
        String failure = null;
        synchronized (lock) {
            State s = state.get();
            if (s == State.CONNECTED && nowMs - lastCheckMs > consentTimeoutMs) {
                failure = "consent lost (RFC 7675): no valid check for " + (nowMs - lastCheckMs) + " ms";
            } else if (s == State.CHECKING && selected == null && nowMs - startedMs > connectTimeoutMs) {
                failure = "ICE connect timeout: no valid check within " + connectTimeoutMs + " ms";
            } else if (s == State.NEW && !paths.isEmpty() && nowMs - firstCheckMs > connectTimeoutMs) {
                dropPaths(); // the peer checks but never sent its description: free the slot
            }
        }
        if (failure != null) {
            fail(failure);
        }
    }

    /** Addresses routed to this session (for the port's cleanup). */
    List<InetSocketAddress> paths() {
        synchronized (lock) {
            return List.copyOf(paths);
        }
    }

    /** Registered credentials (current and a restart's previous), for the port's cleanup. */
    List<IceCredentials> registeredCredentials() {
        synchronized (lock) {
            if (!registered) {
                return List.of();
            }
            return previous == null ? List.of(local) : List.of(local, previous);
        }
    }

    /** Under the lock: gives the half-open slot back. */
    void releaseSlot() {
        if (halfOpenSlot != null) {
            port.releaseSlot(halfOpenSlot);
            halfOpenSlot = null;
        }
    }

    private void dropPaths() {
        for (InetSocketAddress a : paths) {
            port.unroute(a, this);
        }
        paths.clear();
        selected = null;
        releaseSlot();
    }

    private void connect() {
        Route r = selected;
        if (r != null && state.compareAndSet(State.CHECKING, State.CONNECTED)) {
            if (LOG.isDebugEnabled()) {
                LOG.debug("ufrag {}: connected via {}, {} ms after the first check, {} datagrams held", local.ufrag(),
                        r.remote(), port.nowMs() - firstCheckMs, gate.held());
            }
            gate.open(r.remote()); // onConnected, then the datagrams held before it
        }
    }

    private void fail(String reason) {
        if (!State.moveToFailed(state)) {
            return;
        }
        LOG.debug("ICE-lite session {} failed: {}", local.ufrag(), reason);
        gate.close();
        port.remove(this);
        gate.listener().onFailed(reason);
    }

    private boolean isOver() {
        State s = state.get();
        return s == State.FAILED || s == State.CLOSED;
    }
}
