package io.junction.ice;

import java.beans.PropertyChangeEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.CandidatePair;
import org.ice4j.ice.CandidateType;
import org.ice4j.ice.Component;
import org.ice4j.ice.IceMediaStream;
import org.ice4j.ice.IceProcessingState;
import org.ice4j.ice.KeepAliveStrategy;
import org.ice4j.ice.RemoteCandidate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's ICE session: one full ice4j Agent (controlling, RFC 8445 §6.1.1) with one stream and one
 * component (RFC 8843 bundle + RFC 5761 mux) on its own ephemeral UDP port. The server side is the
 * ICE-lite {@link LiteTransport}. See the package documentation for the threading model.
 */
final class AgentTransport implements IceTransport {
    private static final Logger LOG = LoggerFactory.getLogger(AgentTransport.class);

    private final CheckedAgent agent;
    private final IceMediaStream stream;
    private final Component component;
    private final Listener listener;
    private final ScheduledExecutorService timer;
    private final Duration connectTimeout;
    private final Duration consentTimeout;
    private final List<Candidate> localCandidates;
    private final Runnable onFree;
    private final DataGate gate;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final LongAdder sent = new LongAdder();
    private final LongAdder sendDroppedNotConnected = new LongAdder();
    private final LongAdder sendErrors = new LongAdder();
    private final CandidateFilter candidateFilter;
    private volatile IceCredentials remoteCredentials;
    private volatile ScheduledFuture<?> connectTimer;
    private volatile ScheduledFuture<?> consentTimer;
    private volatile long connectedAtMillis;
    private boolean freed;
    private final PeriodicTaskReaper reaper;

    AgentTransport(AgentParts parts, Listener listener, ScheduledExecutorService timer, Duration connectTimeout,
                 Duration consentTimeout, CandidateFilter candidateFilter, Runnable onFree) {
        this.agent = parts.agent();
        this.reaper = new PeriodicTaskReaper(agent);
        this.stream = parts.stream();
        this.component = parts.component();
        this.localCandidates = parts.localCandidates();
        this.listener = Objects.requireNonNull(listener, "listener");
        this.timer = timer;
        this.connectTimeout = connectTimeout;
        this.consentTimeout = consentTimeout;
        this.onFree = onFree;
        this.candidateFilter = candidateFilter;
        this.gate = new DataGate(listener, false);
        agent.addStateChangeListener(this::onAgentStateChange);
    }

    /** Our ufrag and password, to be signalled to the peer. */
    public IceCredentials localCredentials() {
        return new IceCredentials(agent.getLocalUfrag(), agent.getLocalPassword());
    }

    /** Our host candidates, to be signalled to the peer. */
    public List<Candidate> localCandidates() {
        return localCandidates;
    }

    /** The peer's ufrag and password (required before {@link #start()}). */
    public void setRemoteCredentials(IceCredentials c) {
        this.remoteCredentials = Objects.requireNonNull(c, "credentials");
        stream.setRemoteUfrag(c.ufrag());
        stream.setRemotePassword(c.password());
    }

    /**
     * Adds a peer candidate (trickle, RFC 8838), before or after {@link #start()}; non-UDP ones are ignored,
     * and so are those outside the allowed remote networks ({@link IceConfig#allowedNetworks()}, counted).
     */
    public void addRemoteCandidate(Candidate c) {
        if (!"udp".equals(c.transport()) || c.component() != 1 || !IpLiterals.isLiteral(c.address())) {
            LOG.debug("ignoring remote candidate {}", c.toSdpValue());
            return;
        }
        if (!candidateFilter.admit(c.address())) {
            LOG.debug("ignoring remote candidate outside the allowed networks {}", c.toSdpValue());
            return;
        }
        State s = state.get();
        if (s == State.FAILED || s == State.CLOSED) {
            return;
        }
        TransportAddress ta = new TransportAddress(IpLiterals.toAddress(c.address()), c.port(), Transport.UDP);
        RemoteCandidate rc = new RemoteCandidate(ta, component, CandidateType.parse(c.type()), c.foundation(),
                c.priority(), null);
        synchronized (this) {
            if (s == State.NEW) {
                component.addRemoteCandidate(rc);
            } else {
                component.addUpdateRemoteCandidates(rc);
                component.updateRemoteCandidates();
            }
        }
    }

    /**
     * Sets the ICE role before {@link #start()}. RFC 8445 §6.1.1 and RFC 8839 §4.2: the agent
     * whose offer began the session is controlling, so a server that sends the first offer (to
     * a participant that only watches, or that joined after others published) must control.
     *
     * @throws IllegalStateException after {@link #start()}
     */
    public void setControlling(boolean controlling) {
        synchronized (this) {
            if (state.get() != State.NEW) {
                throw new IllegalStateException("setControlling() in state " + state.get());
            }
            agent.setControlling(controlling);
        }
    }

    /** True when this agent is in the controlling role. */
    public boolean isControlling() {
        return agent.isControlling();
    }

    /** Starts connectivity checks (RFC 8445 §6.1.4) and the connect timer. */
    public void start() {
        if (remoteCredentials == null) {
            throw new IllegalStateException("setRemoteCredentials must be called before start()");
        }
        synchronized (this) {
            if (!state.compareAndSet(State.NEW, State.CHECKING)) {
                throw new IllegalStateException("start() in state " + state.get());
            }
            agent.startConnectivityEstablishment();
            reaper.afterStart();
        }
        connectTimer = timer.schedule(() -> {
            if (state.get() == State.CHECKING) {
                fail("ICE connect timeout after " + connectTimeout.toMillis() + " ms (" + checkSummary() + ")");
            }
        }, connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** What the checks got to, for failure reasons: role, remote candidates, pair states. */
    private String checkSummary() {
        StringBuilder b = new StringBuilder(agent.isControlling() ? "controlling" : "controlled");
        b.append(", remote candidates ").append(component.getRemoteCandidateCount()).append(", pairs");
        for (CandidatePair p : stream.getCheckList()) {
            b.append(' ').append(p.getRemoteCandidate().getTransportAddress()).append('=').append(p.getState())
                    .append(p.isNominated() ? "(nominated)" : "");
        }
        return b.toString();
    }

    /** Sends one datagram on the selected pair; dropped and counted if not connected. Any thread. */
    public void send(byte[] buf, int off, int len) {
        if (state.get() != State.CONNECTED) {
            sendDroppedNotConnected.increment();
            return;
        }
        try {
            component.send(buf, off, len);
            sent.increment();
        } catch (IOException | RuntimeException e) {
            sendErrors.increment();
        }
    }

    /** The current state. */
    public State state() {
        return state.get();
    }

    /** The selected pair's remote address, or null before connection. */
    public InetSocketAddress selectedRemoteAddress() {
        return gate.selected();
    }

    /** Counters. */
    public IceTransportStats stats() {
        return new IceTransportStats(gate.received(), gate.delivered(), gate.droppedNotSelected(),
                gate.droppedEarly(), sent.sum(), sendDroppedNotConnected.sum(), sendErrors.sum(),
                agent.stunGuard().count(), candidateFilter.rejected());
    }

    /** Stops ICE and frees the agent, its sockets and timers. No callback follows. Idempotent. */
    @Override
    public void close() {
        State s = state.getAndSet(State.CLOSED);
        if (s != State.CLOSED && s != State.FAILED) { // a failed transport already scheduled its free()
            gate.close();
            free();
        }
    }

    Component component() {
        return component;
    }

    /** Entry for received non-STUN datagrams (ice4j push API or the client reader). */
    void deliver(byte[] buf, int off, int len, InetSocketAddress from) {
        gate.deliver(buf, off, len, from);
    }

    private void onAgentStateChange(PropertyChangeEvent ev) {
        Object v = ev.getNewValue();
        if (v == IceProcessingState.COMPLETED || v == IceProcessingState.TERMINATED) {
            onChecksCompleted();
        } else if (v == IceProcessingState.FAILED) {
            fail("ICE connectivity checks failed");
        }
    }

    private void onChecksCompleted() {
        CandidatePair pair = component.getSelectedPair();
        if (pair == null) {
            fail("ICE completed without a selected pair");
            return;
        }
        if (!state.compareAndSet(State.CHECKING, State.CONNECTED)) {
            return;
        }
        connectedAtMillis = System.currentTimeMillis();
        TransportAddress ta = pair.getRemoteCandidate().getTransportAddress();
        ScheduledFuture<?> ct = connectTimer;
        if (ct != null) {
            ct.cancel(false);
        }
        long period = Math.min(1000, consentTimeout.toMillis() / 4);
        consentTimer = timer.scheduleAtFixedRate(this::checkConsent, period, period, TimeUnit.MILLISECONDS);
        gate.open(new InetSocketAddress(ta.getAddress(), ta.getPort()));
    }

    /** RFC 7675 §5.1: consent expires when no check on the selected pair succeeded for consentTimeout. */
    private void checkConsent() {
        if (state.get() != State.CONNECTED) {
            return;
        }
        reaper.whileConnected();
        CandidatePair pair = component.getSelectedPair();
        long last = Math.max(connectedAtMillis, pair == null ? 0 : pair.getConsentFreshness());
        long silent = System.currentTimeMillis() - last;
        if (silent > consentTimeout.toMillis()) {
            fail("consent lost (RFC 7675): no successful check for " + silent + " ms");
        }
    }

    private void fail(String reason) {
        if (!State.moveToFailed(state)) {
            return;
        }
        LOG.debug("ICE transport {} failed: {}", agent.getLocalUfrag(), reason);
        gate.close();
        try {
            listener.onFailed(reason);
        } finally {
            // never free the agent on its own notification thread
            timer.execute(this::free);
        }
    }

    private void free() {
        synchronized (this) {
            if (freed) {
                return;
            }
            freed = true;
        }
        cancel(connectTimer);
        cancel(consentTimer);
        try {
            reaper.beforeFree();
            agent.free();
        } catch (RuntimeException e) {
            LOG.debug("error freeing agent", e);
        } finally {
            reaper.afterFree();
            onFree.run();
        }
    }

    /** Stops ice4j periodic tasks of this agent that escape their cancel ({@link PeriodicTaskReaper}). */
    PeriodicTaskReaper reaper() {
        return reaper;
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }

    /** The ice4j objects of one transport. */
    record AgentParts(CheckedAgent agent, IceMediaStream stream, Component component, List<Candidate> localCandidates) {
        /**
         * A fresh Agent with one stream and one component; {@code harvesters} registers host harvesters
         * before the component gathers, {@code candidates} adds/describes the local candidates after.
         */
        static AgentParts create(boolean controlling, Consumer<CheckedAgent> harvesters,
                                 Function<Component, List<Candidate>> candidates) throws IOException {
            CheckedAgent agent = new CheckedAgent();
            agent.setControlling(controlling);
            agent.setUseDynamicPorts(false);
            agent.setPerformConsentFreshness(true);
            harvesters.accept(agent);
            IceMediaStream stream = agent.createMediaStream("media");
            Component c = agent.createComponent(stream, KeepAliveStrategy.SELECTED_ONLY, false);
            return new AgentParts(agent, stream, c, List.copyOf(candidates.apply(c)));
        }
    }
}
