package io.junction.sctp.assoc;

import io.junction.sctp.chunk.Bytes;
import io.junction.sctp.chunk.ChunkCursor;
import io.junction.sctp.chunk.Crc32c;
import io.junction.sctp.chunk.ErrorCause;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SCTP association in the WebRTC profile (RFC 8831 §6, RFC 9260): packets in through
 * {@link #receive}, packets out through the {@link PacketSink}, time from the injected clock,
 * timers driven by the caller ({@link #nextTimeout()}, {@link #handleTimeout()}). No threads:
 * every method runs on the caller's thread, which must be the same one throughout. Listener
 * events are raised after the packet or call that caused them has been processed.
 */
public final class Association {
    private static final Logger LOG = LoggerFactory.getLogger(Association.class);
    private static final long OFF = Long.MAX_VALUE;

    private final AssociationOptions opt;
    private final LongSupplier clock;
    private final RandomGenerator random;
    final AssociationStats stats = new AssociationStats();
    private final Crc32c crc = new Crc32c();
    private final ChunkCursor chunks = new ChunkCursor();
    private final CookieJar cookies;
    final Rto rto;
    final Outbound out;
    final Inbound in;
    final StreamResets resets = new StreamResets();
    private final ArrayDeque<Runnable> events = new ArrayDeque<>();
    private final Handlers handlers = new Handlers(this);
    private final Timers timers = new Timers(this);
    final Output output;
    AssociationListener listener = new AssociationListener() {
    };

    State state = State.CLOSED;
    long myTag;
    long peerTag;
    long myInitialTsn;
    int outStreams;
    int inStreams;
    boolean peerReconfig;
    boolean started;
    byte[] cookieEcho;
    long t1 = OFF;
    long t2 = OFF;
    long t3 = OFF;
    long sackTimer = OFF;
    long hbTimer = OFF;
    int initRetries;
    int errorCount;
    boolean sackDue;
    int packetsSinceSack;
    long hbNonce = -1;
    long lastFwdSent = -1;
    boolean fwdResend;
    private boolean busy;
    private boolean closedEventRaised;

    public Association(AssociationOptions opt, LongSupplier clockMs, RandomGenerator random, PacketSink sink) {
        this.opt = opt;
        this.clock = clockMs;
        this.random = random;
        this.output = new Output(this, opt, sink);
        this.cookies = new CookieJar(random, opt.cookieLifetimeMs());
        this.rto = new Rto(opt.rtoInitialMs(), opt.rtoMinMs(), opt.rtoMaxMs());
        this.in = new Inbound(opt, stats);
        this.out = new Outbound(opt, rto, stats, new AssociationListener() {
            @Override
            public void onBufferedAmountDecreased(int streamId, long amount) {
                events.add(() -> listener.onBufferedAmountDecreased(streamId, amount));
            }
        });
    }

    /** Sets the event listener; call before {@link #connect()} or the first {@link #receive}. */
    public void setListener(AssociationListener l) {
        this.listener = l;
    }

    /** Sends INIT (RFC 9260 §5.1 A). Either side or both may call it (simultaneous open, §5.2.1). */
    public void connect() {
        if (started || state != State.CLOSED) {
            throw new IllegalStateException("connect() on an association in state " + state);
        }
        started = true;
        myTag = newTag();
        myInitialTsn = random.nextLong() & 0xFFFFFFFFL;
        state = State.COOKIE_WAIT;
        output.sendInit();
        t1 = now() + rto.current();
    }

    /** One SCTP packet from the peer (the DTLS application data, RFC 8261 §5). */
    public void receive(byte[] b, int off, int len) {
        boolean outer = enter();
        try {
            handlers.packet(b, off, len);
        } finally {
            leave(outer);
        }
    }

    /** Queues a user message; see {@link SendStatus} for refusals. */
    public SendStatus send(int stream, long ppid, byte[] data, int off, int len, SendOptions o) {
        if (state != State.ESTABLISHED) {
            return SendStatus.NOT_OPEN;
        }
        if (len == 0) {
            return SendStatus.EMPTY;
        }
        if (len > opt.maxMessageSize()) {
            return SendStatus.TOO_LARGE;
        }
        if (stream < 0 || stream >= outStreams) {
            return SendStatus.INVALID_STREAM;
        }
        SendStatus s = out.enqueue(stream, ppid, data, off, len, o, now());
        if (s == SendStatus.OK) {
            boolean outer = enter();
            leave(outer);
        }
        return s;
    }

    /** Resets outgoing streams (RFC 6525 §5.1.2); false if not established or the peer lacks RE-CONFIG. */
    public boolean resetStreams(int... streams) {
        if (state != State.ESTABLISHED || !peerReconfig) {
            return false;
        }
        resets.request(streams);
        boolean outer = enter();
        leave(outer);
        return true;
    }

    /** Graceful close (RFC 9260 §9.2): queued data is delivered first. */
    public void shutdown() {
        boolean outer = enter();
        try {
            if (state == State.ESTABLISHED) {
                state = State.SHUTDOWN_PENDING;
            } else if (state == State.COOKIE_WAIT || state == State.COOKIE_ECHOED) {
                close("shut down before the association was established");
            }
        } finally {
            leave(outer);
        }
    }

    /** Abortive close (RFC 9260 §9.1): sends ABORT with a User-Initiated Abort cause. */
    public void abort(String reason) {
        boolean outer = enter();
        try {
            output.sendAbort(ErrorCause.USER_INITIATED_ABORT, reason);
            close("aborted locally: " + reason);
        } finally {
            leave(outer);
        }
    }

    /** The earliest absolute time (clock ms) at which {@link #handleTimeout()} has work, or Long.MAX_VALUE. */
    public long nextTimeout() {
        return Math.min(Math.min(Math.min(t1, t2), Math.min(t3, sackTimer)), Math.min(hbTimer, resets.deadline()));
    }

    /** Runs the timers that are due (T1, T2, T3, delayed SACK, heartbeat, reset retransmission). */
    public void handleTimeout() {
        boolean outer = enter();
        try {
            timers.run(now());
        } finally {
            leave(outer);
        }
    }

    public State state() {
        return state;
    }

    public AssociationStats stats() {
        return stats;
    }

    /** Bytes of user data queued or sent and not yet acknowledged or abandoned, all streams. */
    public long bufferedAmount() {
        return out.buffered();
    }

    public long bufferedAmount(int stream) {
        return out.buffered(stream);
    }

    /** The negotiated number of outbound streams (RFC 9260 §5.1.1). */
    public int outboundStreams() {
        return outStreams;
    }

    public long rtoMs() {
        return rto.current();
    }

    public long cwnd() {
        return out.cwnd();
    }

    public boolean isResetPending(int stream) {
        return resets.isPending(stream);
    }

    public AssociationOptions options() {
        return opt;
    }

    // ---- internals shared with Handlers ----

    private boolean enter() {
        boolean outer = !busy;
        busy = true;
        return outer;
    }

    private void leave(boolean outer) {
        if (!outer) {
            return;
        }
        try {
            output.transmit();
        } finally {
            busy = false;
        }
        Runnable r;
        while ((r = events.poll()) != null) {
            r.run();
        }
    }

    long now() {
        return clock.getAsLong();
    }

    long newTag() {
        long t;
        do {
            t = random.nextLong() & 0xFFFFFFFFL;
        } while (t == 0);
        return t;
    }

    Outbound out() {
        return out;
    }

    Inbound in() {
        return in;
    }

    Rto rto() {
        return rto;
    }

    CookieJar cookies() {
        return cookies;
    }

    StreamResets resets() {
        return resets;
    }

    ChunkCursor chunks() {
        return chunks;
    }

    Crc32c crc() {
        return crc;
    }

    void event(Runnable r) {
        events.add(r);
    }

    /** Peer parameters from INIT/INIT ACK/cookie (§5.1.1 stream counts: the smaller of the two offers). */
    void setUp(long peerInitialTsn, long peerArwnd, int peerOs, int peerMis, int flags) {
        outStreams = Math.min(opt.streams(), peerMis);
        inStreams = Math.min(opt.streams(), peerOs);
        peerReconfig = (flags & CookieJar.FLAG_RECONFIG) != 0;
        out.start(myInitialTsn, peerArwnd, (flags & CookieJar.FLAG_FORWARD_TSN) != 0);
        in.start(peerInitialTsn);
        resets.start(myInitialTsn, peerInitialTsn);
        LOG.debug("streams: {} out, {} in (peer offered OS {}, MIS {})", outStreams, inStreams, peerOs, peerMis);
    }

    /**
     * RFC 6525 §5.2.5: the peer adds {@code n} outgoing streams, so our inbound count grows, up to
     * what we offer at setup. False (the request is denied) past that bound.
     */
    boolean addInboundStreams(int n) {
        if (n <= 0 || inStreams + n > opt.streams()) {
            return false;
        }
        inStreams += n;
        return true;
    }

    void establish() {
        state = State.ESTABLISHED;
        started = true;
        t1 = OFF;
        initRetries = 0;
        cookieEcho = null;
        if (opt.heartbeatIntervalMs() > 0) {
            hbTimer = now() + opt.heartbeatIntervalMs();
        }
        LOG.debug("association established, tags {}/{}", myTag, peerTag);
        events.add(() -> listener.onEstablished());
    }

    void close(String reason) {
        if (state == State.CLOSED && closedEventRaised) {
            return;
        }
        state = State.CLOSED;
        t1 = t2 = t3 = sackTimer = hbTimer = OFF;
        sackDue = false;
        out.clear();
        if (!closedEventRaised && started) {
            closedEventRaised = true;
            LOG.debug("association closed: {}", reason);
            events.add(() -> listener.onClosed(reason));
        }
    }

    void shutdownSteps(long now) {
        timers.shutdownSteps(now);
    }

    int inStreams() {
        return inStreams;
    }
}
