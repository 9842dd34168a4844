package io.junction.ice;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * One ICE session (RFC 8445) with one component (RFC 8843 bundle + RFC 5761 mux). Two kinds exist: the
 * server's ICE-lite session on the shared media port ({@link IcePort#createServerTransport}, always
 * controlled, RFC 8445 §2.5) and a client's full ice4j agent ({@link #createClient}, controlling). See
 * the package documentation for the threading model.
 */
public interface IceTransport extends AutoCloseable {
    /** Lifecycle; FAILED and CLOSED are final. */
    enum State {
        NEW, CHECKING, CONNECTED, FAILED, CLOSED;

        /** Moves {@code state} to FAILED unless it is already final; true when this call moved it. */
        static boolean moveToFailed(java.util.concurrent.atomic.AtomicReference<State> state) {
            State s;
            do {
                s = state.get();
                if (s == FAILED || s == CLOSED) {
                    return false;
                }
            } while (!state.compareAndSet(s, FAILED));
            return true;
        }
    }

    /** Callbacks; see the package documentation for the calling threads. */
    interface Listener {
        /** A path to the peer exists; data can flow. */
        void onConnected();

        /** ICE failed, the connect timeout passed, or consent was lost (RFC 7675); resources are being freed. */
        void onFailed(String reason);

        /** A non-STUN datagram from the peer; {@code buf} is valid only during the call. */
        void onData(byte[] buf, int off, int len);
    }

    /**
     * A client transport in the controlling role on its own ephemeral UDP port bound to {@code bindAddress}
     * (an IP literal, e.g. 127.0.0.1), with default timeouts (connect 10 s, consent 30 s).
     */
    static IceTransport createClient(String bindAddress, Listener l) {
        return ClientTransports.create(bindAddress, l, Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    /** As {@link #createClient(String, Listener)} with explicit timeouts. */
    static IceTransport createClient(String bindAddress, Listener l, Duration connectTimeout, Duration consentTimeout) {
        return ClientTransports.create(bindAddress, l, connectTimeout, consentTimeout);
    }

    /**
     * Our ufrag and password, to be signalled to the peer. On the server the first call registers them at
     * the media port (RFC 8445 §5.3): from then on a check carrying them is answered.
     */
    IceCredentials localCredentials();

    /** Our host candidates, to be signalled to the peer. */
    List<Candidate> localCandidates();

    /** The peer's ufrag and password (required before {@link #start()}). */
    void setRemoteCredentials(IceCredentials c);

    /** Adds a peer candidate (trickle, RFC 8838); a lite server sends no checks and only counts filtered ones. */
    void addRemoteCandidate(Candidate c);

    /**
     * Sets the ICE role before {@link #start()} (RFC 8445 §6.1.1). An ICE-lite server is always
     * controlled and ignores {@code true}: the full peer must control.
     */
    void setControlling(boolean controlling);

    /** True when this agent is in the controlling role. */
    boolean isControlling();

    /** Starts ICE (a full agent begins its checks) and the connect timer. */
    void start();

    /** Sends one datagram to the peer's selected address; dropped and counted if not connected. Any thread. */
    void send(byte[] buf, int off, int len);

    /** The current state. */
    State state();

    /** The remote address media goes to, or null before connection. */
    InetSocketAddress selectedRemoteAddress();

    /** Counters. */
    IceTransportStats stats();

    /**
     * The layers above finished their handshake (DTLS): the session no longer counts as half-open against
     * its remote address at the media port. No-op on a client.
     */
    default void established() {
    }

    /**
     * ICE restart (RFC 8445 §9, RFC 8839 §4.4.1.1.1): the peer's new credentials; returns our new ones, to
     * be signalled in the answer. The session keeps its state and path until a check with the new
     * credentials arrives.
     *
     * @throws UnsupportedOperationException where restart is done by replacing the transport (clients)
     */
    default IceCredentials restart(IceCredentials newRemote) {
        throw new UnsupportedOperationException("ICE restart of this transport: create a new one");
    }

    /** Stops ICE and frees what the session holds. No callback follows. Idempotent. */
    @Override
    void close();
}
