package io.junction.transport.data;

import io.junction.sctp.assoc.Association;
import io.junction.sctp.assoc.AssociationOptions;
import io.junction.sctp.assoc.State;
import io.junction.sctp.dcep.DataChannels;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * The data-channel side of one participant's transport: an SCTP association carried in DTLS
 * application data (RFC 8261), with its {@link DataChannels}. One owner thread (the room worker on
 * the server, one executor thread on a client) runs every call into the association; the DTLS
 * receive thread only copies each record and queues it to the owner ({@link #offer}).
 *
 * <p>Wiring: feed {@link #offer} from {@code MediaTransport.Listener.onApplicationData}; call
 * {@link #start()} on the owner once DTLS is connected; call {@link #tick} on the owner
 * periodically (every 10-20 ms is enough: SCTP timers are 200 ms and up); {@link #close} when the
 * transport ends. Records waiting for the owner are bounded by bytes (twice the receive window the
 * association advertises, which bounds what a well-behaved peer has in flight) and by count
 * ({@link #MAX_QUEUED}, against floods of tiny records); beyond either, records are dropped and
 * counted (SCTP retransmits reliable data). A bound below the window would drop a compliant
 * peer's burst whenever the owner thread falls behind, and every drop costs a retransmission
 * timeout.
 */
public final class SctpTransport {
    /** Sends one SCTP packet as a DTLS application-data record. */
    @FunctionalInterface
    public interface Sender {
        boolean send(byte[] buf, int off, int len);
    }

    /** Records queued to the owner thread before further ones are dropped. */
    public static final int MAX_QUEUED = 4096;

    private final Executor owner;
    private final Association association;
    private final DataChannels channels;
    private final boolean dtlsClient;
    private final AtomicInteger queued = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong queuedBytes = new java.util.concurrent.atomic.AtomicLong();
    private final long maxQueuedBytes;
    private final LongAdder inboundDropped = new LongAdder();
    private final LongAdder notSent = new LongAdder();
    private boolean started;  // owner thread
    private volatile boolean closed;

    /**
     * @param options    the association's options: ports from {@code a=sctp-port}, MTU at most the
     *                   DTLS application-data limit
     * @param dtlsClient our DTLS role (stream id parity, RFC 8832 §6)
     * @param clockMs    the owner's clock in milliseconds
     * @param sender     DTLS application-data send (called on the owner thread)
     * @param owner      runs tasks one at a time, in order, on the owner thread
     */
    public SctpTransport(AssociationOptions options, boolean dtlsClient, LongSupplier clockMs,
                         RandomGenerator random, Sender sender, Executor owner) {
        Objects.requireNonNull(sender, "sender");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.dtlsClient = dtlsClient;
        this.maxQueuedBytes = 2 * options.receiveBufferLimit();
        this.association = new Association(options, clockMs, random, (b, o, l) -> {
            if (!sender.send(b, o, l)) {
                notSent.increment();
            }
        });
        this.channels = new DataChannels(association, dtlsClient);
    }

    /** The channels (owner thread only). */
    public DataChannels channels() {
        return channels;
    }

    /** The association (owner thread only). */
    public Association association() {
        return association;
    }

    /**
     * One DTLS application-data record from any thread: copied and queued to the owner.
     *
     * @return true (the record is taken, possibly dropped and counted)
     */
    public boolean offer(byte[] buf, int off, int len) {
        if (closed) {
            inboundDropped.increment();
            return true;
        }
        int records = queued.incrementAndGet();
        long bytes = queuedBytes.addAndGet(len);
        if (records > MAX_QUEUED || bytes > maxQueuedBytes) {
            dequeued(len);
            inboundDropped.increment();
            return true;
        }
        byte[] copy = Arrays.copyOfRange(buf, off, off + len);
        try {
            owner.execute(() -> {
                dequeued(copy.length);
                if (!closed) {
                    association.receive(copy, 0, copy.length);
                }
            });
        } catch (RejectedExecutionException e) {
            dequeued(len);
            inboundDropped.increment();
        }
        return true;
    }

    private void dequeued(int len) {
        queued.decrementAndGet();
        queuedBytes.addAndGet(-len);
    }

    /**
     * Owner thread, once DTLS is connected: the DTLS client sends INIT (unless the peer's INIT
     * already set the association up); the DTLS server waits for the peer's INIT, which WebRTC
     * stacks always send. As the DTLS client, our INIT may cross the peer's; the association
     * resolves the collision (RFC 9260 §5.2.1, §5.2.4; every order is tested in the sctp module's
     * InitCollisionTest). Idempotent.
     */
    public void start() {
        if (started || closed) {
            return;
        }
        started = true;
        if (dtlsClient && association.state() == State.CLOSED) {
            association.connect();
        }
    }

    /** Owner thread: runs the association's due timers. */
    public void tick(long nowMs) {
        for (int i = 0; i < 8 && !closed && association.nextTimeout() <= nowMs; i++) {
            association.handleTimeout();
        }
    }

    /** Owner thread: aborts the association (every channel closes) with {@code reason}. Idempotent. */
    public void close(String reason) {
        if (closed) {
            return;
        }
        closed = true;
        if (association.state() != State.CLOSED) {
            association.abort(reason);
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /** Records dropped before reaching the association (owner queue full, closed). */
    public long inboundDropped() {
        return inboundDropped.sum();
    }

    /** Packets the DTLS transport did not send. */
    public long notSent() {
        return notSent.sum();
    }
}
