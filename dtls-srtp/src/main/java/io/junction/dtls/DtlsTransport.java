package io.junction.dtls;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import io.junction.srtp.SrtpProfile;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One DTLS 1.2 association with use_srtp (RFC 5764) over datagrams supplied by the demux.
 *
 * <p>The blocking bctls handshake runs as one task on the caller's executor; after it, incoming
 * DTLS records (alerts, retransmitted flights) are processed on the thread that calls
 * {@link #receive}, so no thread is kept per peer. Application data (RFC 8261: SCTP packets for
 * data channels) goes to {@link DtlsListener#onApplicationData} on that thread, and
 * {@link #sendApplicationData} sends it; a listener that does not take it has it counted as dropped.
 */
public final class DtlsTransport implements AutoCloseable {
    /** Lifecycle: NEW → HANDSHAKING → CONNECTED → CLOSED, or → FAILED. */
    public enum State { NEW, HANDSHAKING, CONNECTED, FAILED, CLOSED }

    /** Profiles offered (client) or accepted (server) by default, most preferred first. */
    public static final List<SrtpProfile> DEFAULT_PROFILES =
        List.of(SrtpProfile.AEAD_AES_128_GCM, SrtpProfile.AES128_CM_HMAC_SHA1_80);
    static final Duration MIN_TIMEOUT = Duration.ofMillis(100);
    static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(DtlsTransport.class);

    private final Object lock = new Object();
    private final DtlsRole role;
    private final DtlsListener listener;
    private final Executor executor;
    private final Duration handshakeTimeout;
    private final DatagramChannelAdapter channel;
    private final PeerSupport support;
    private final byte[] scratch = new byte[DatagramChannelAdapter.RECEIVE_LIMIT];

    private State state = State.NEW;                 // guarded by lock
    private volatile long startedNanos;
    private org.bouncycastle.tls.DTLSTransport dtls; // guarded by lock
    private volatile long droppedDatagrams;
    private volatile long applicationDataDropped;
    private volatile long applicationDataNotSent;
    /** DTLS 1.2 record overhead is at most 13 header + 16 IV + 48 MAC/padding: 1200 - 77, rounded down. */
    public static final int APPLICATION_DATA_FLOOR = 1120;

    /** A transport offering {@link #DEFAULT_PROFILES}. */
    public DtlsTransport(DtlsRole role, DtlsCertificate local, Fingerprint expectedRemote, DatagramSender out,
                         DtlsListener listener, Executor handshakeExecutor, Duration handshakeTimeout) {
        this(role, local, expectedRemote, out, listener, handshakeExecutor, handshakeTimeout, DEFAULT_PROFILES);
    }

    /**
     * @param srtpProfiles profiles to offer (client) or accept (server), most preferred first; not empty
     * @param handshakeTimeout from start() to completion, 100 ms .. 10 min
     */
    public DtlsTransport(DtlsRole role, DtlsCertificate local, Fingerprint expectedRemote, DatagramSender out,
                         DtlsListener listener, Executor handshakeExecutor, Duration handshakeTimeout,
                         List<SrtpProfile> srtpProfiles) {
        this.role = Objects.requireNonNull(role, "role");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(expectedRemote, "expectedRemote");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.executor = Objects.requireNonNull(handshakeExecutor, "handshakeExecutor");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        if (handshakeTimeout.compareTo(MIN_TIMEOUT) < 0 || handshakeTimeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("handshakeTimeout must be in " + MIN_TIMEOUT + " .. " + MAX_TIMEOUT
                + ", got " + handshakeTimeout);
        }
        if (srtpProfiles == null || srtpProfiles.isEmpty()) {
            throw new IllegalArgumentException("srtpProfiles must name at least one profile");
        }
        this.handshakeTimeout = handshakeTimeout;
        this.channel = new DatagramChannelAdapter(Objects.requireNonNull(out, "out"));
        this.support = new PeerSupport(new BcTlsCrypto(new SecureRandom()), local, expectedRemote, srtpProfiles);
    }

    /**
     * Starts the handshake on the executor: a client sends its ClientHello, a server waits for one.
     * It fails unless it completes within the handshake timeout from now.
     */
    public void start() {
        start(System.nanoTime() + handshakeTimeout.toNanos());
    }

    /**
     * As {@link #start()}, for a caller whose time budget began earlier (e.g. before ICE
     * connected): the handshake fails unless it completes by {@code deadlineNanoTime} (a
     * {@link System#nanoTime()} value), and never later than the handshake timeout from now. A
     * deadline already past fails the transport at once, without using the executor.
     */
    public void start(long deadlineNanoTime) {
        long now = System.nanoTime();
        long latest = now + handshakeTimeout.toNanos();
        long deadline = deadlineNanoTime - latest < 0 ? deadlineNanoTime : latest;
        synchronized (lock) {
            if (state != State.NEW) {
                throw new IllegalStateException("start() called in state " + state);
            }
            state = State.HANDSHAKING;
            startedNanos = now;
            channel.setDeadline(deadline);
            if (deadline - now <= 0) {
                failLocked("handshake timeout (no time left when the handshake could start)");
                return;
            }
        }
        try {
            executor.execute(this::runHandshake);
        } catch (RejectedExecutionException e) {
            fail("handshake executor rejected the task");
        }
    }

    /** A DTLS datagram from the demux; copied before return. Oversized or late datagrams are dropped. */
    public void receive(byte[] buf, int off, int len) {
        if (len <= 0 || len > DatagramChannelAdapter.RECEIVE_LIMIT) {
            droppedDatagrams++;
            return;
        }
        synchronized (lock) {
            switch (state) {
                case NEW, HANDSHAKING -> {
                    if (!channel.offer(buf, off, len)) {
                        droppedDatagrams++;
                    }
                }
                case CONNECTED -> {
                    channel.offer(buf, off, len);
                    processRecords();
                }
                default -> droppedDatagrams++;
            }
        }
    }

    /** The current lifecycle state. */
    public State state() {
        synchronized (lock) {
            return state;
        }
    }

    /** The DTLS role this transport plays. */
    public DtlsRole role() {
        return role;
    }

    /** Datagrams dropped (queue full, oversized, after close). */
    public long droppedDatagrams() {
        return droppedDatagrams;
    }

    /**
     * Protects and sends one application-data record (RFC 8261 §5: one SCTP packet per record) of at
     * most {@link #applicationDataLimit()} bytes.
     *
     * @return false (and counted) if not connected, too large, or the send failed
     */
    public boolean sendApplicationData(byte[] buf, int off, int len) {
        synchronized (lock) {
            if (state != State.CONNECTED || dtls == null) {
                applicationDataNotSent++;
                return false;
            }
            try {
                if (len > dtls.getSendLimit()) {
                    applicationDataNotSent++;
                    return false;
                }
                dtls.send(buf, off, len);
                return true;
            } catch (IOException e) {
                applicationDataNotSent++;
                LOG.debug("DTLS application data not sent: {}", e.toString());
                return false;
            }
        }
    }

    /**
     * Largest application-data record {@link #sendApplicationData} accepts: the datagram limit minus
     * the negotiated cipher's record overhead once connected, a conservative bound before.
     */
    public int applicationDataLimit() {
        synchronized (lock) {
            if (state == State.CONNECTED && dtls != null) {
                try {
                    return dtls.getSendLimit();
                } catch (IOException e) {
                    return APPLICATION_DATA_FLOOR;
                }
            }
            return APPLICATION_DATA_FLOOR;
        }
    }

    /** Application-data records that could not be sent (not connected, too large, send error). */
    public long applicationDataNotSent() {
        return applicationDataNotSent;
    }

    /** Application-data records received that the listener did not take. */
    public long applicationDataDropped() {
        return applicationDataDropped;
    }

    /** Sends close_notify if connected, stops a running handshake, frees state. Idempotent; no callback. */
    @Override
    public void close() {
        synchronized (lock) {
            if (state == State.CLOSED || state == State.FAILED) {
                return;
            }
            if (state == State.CONNECTED && dtls != null) {
                try {
                    dtls.close();
                } catch (IOException e) {
                    LOG.debug("close_notify not sent: {}", e.toString());
                }
            }
            state = State.CLOSED;
            dtls = null;
            channel.shutdown();
        }
    }

    private void runHandshake() {
        org.bouncycastle.tls.DTLSTransport result;
        long begun = System.nanoTime();
        LOG.debug("DTLS {} handshake begins ({} ms after start, {} datagrams queued)", role,
                (begun - startedNanos) / 1_000_000, channel.queued());
        try {
            if (role == DtlsRole.CLIENT) {
                result = new DTLSClientProtocol().connect(new SrtpDtlsClient(support), channel);
            } else {
                DTLSServerProtocol protocol = new DTLSServerProtocol();
                protocol.setVerifyRequests(false); // ICE consent already proves the address (RFC 8445)
                result = protocol.accept(new SrtpDtlsServer(support), channel);
            }
        } catch (Exception | LinkageError e) {
            fail(describe(e));
            return;
        }
        synchronized (lock) {
            if (state != State.HANDSHAKING) {
                closeQuietly(result);
                return;
            }
            if (support.keys == null) {
                closeQuietly(result);
                failLocked("handshake finished without SRTP keys");
                return;
            }
            dtls = result;
            channel.switchToNonBlocking();
            state = State.CONNECTED;
            LOG.debug("DTLS {} handshake complete in {} ms", role, (System.nanoTime() - begun) / 1_000_000);
            listener.onHandshakeComplete(support.keys);
            if (channel.hasQueued()) {
                processRecords();
            }
        }
    }

    /** Drains queued datagrams through bctls on the calling thread (lock held, CONNECTED). */
    private void processRecords() {
        while (state == State.CONNECTED && channel.hasQueued()) {
            try {
                int n = dtls.receive(scratch, 0, scratch.length, 1);
                if (n >= 0 && !listener.onApplicationData(scratch, 0, n)) {
                    applicationDataDropped++;
                }
            } catch (DatagramChannelAdapter.NoMoreDatagrams e) {
                // Nothing left queued.
            } catch (TlsFatalAlertReceived e) {
                failLocked(describe(e));
                return;
            } catch (IOException e) {
                failLocked("DTLS error after handshake: " + e.getMessage());
                return;
            }
            if (support.closeNotifyReceived) {
                state = State.CLOSED;
                dtls = null;
                channel.shutdown();
                listener.onClosed();
                return;
            }
        }
    }

    private void fail(String reason) {
        synchronized (lock) {
            failLocked(reason);
        }
    }

    private void failLocked(String reason) {
        if (state == State.FAILED || state == State.CLOSED) {
            return;
        }
        state = State.FAILED;
        dtls = null;
        channel.shutdown();
        LOG.debug("DTLS {} failed: {}", role, reason);
        listener.onFailure(reason);
    }

    private String describe(Throwable e) {
        if (support.failureReason != null) {
            return support.failureReason;
        }
        if (e instanceof DatagramChannelAdapter.HandshakeTimeout) {
            return "handshake timeout";
        }
        if (e instanceof TlsFatalAlertReceived alert) {
            return "peer sent fatal alert: " + org.bouncycastle.tls.AlertDescription.getText(alert.getAlertDescription());
        }
        return "handshake failed: " + e;
    }

    private static void closeQuietly(org.bouncycastle.tls.DTLSTransport t) {
        try {
            t.close();
        } catch (IOException e) {
            // Nothing to report: the transport is being discarded.
        }
    }
}
