package io.junction.sfu;

import io.junction.dtls.DtlsCertificate;
import io.junction.ice.IcePort;
import io.junction.rtp.BufferPool;
import io.junction.sfu.event.RoomEvent;
import io.junction.sfu.event.RoomEventListener;
import io.junction.sfu.room.RoomOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** What rooms and participants of one engine share; one per {@link SfuEngine}, never static. */
final class EngineContext {
    private static final Logger LOG = LoggerFactory.getLogger(EngineContext.class);
    private final RoomEventListener events;
    private final Totals totals = new Totals();
    private final IcePort icePort;
    private final DtlsCertificate certificate;
    private final Executor handshakeExecutor;
    private final Duration handshakeTimeout;
    private final BufferPool pool;
    private final RoomOptions roomOptions;
    private final LongSupplier wallClock;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong poolExhausted = new AtomicLong();
    private final SfuEngine engine;
    private final io.junction.sfu.data.DataApplications dataApplications = new io.junction.sfu.data.DataApplications();

    EngineContext(SfuEngine engine, IcePort icePort, DtlsCertificate certificate, Executor handshakeExecutor,
                  Duration handshakeTimeout, BufferPool pool, RoomOptions roomOptions, LongSupplier wallClock, RoomEventListener events) {
        this.events = events;
        this.engine = engine;
        this.icePort = icePort;
        this.certificate = certificate;
        this.handshakeExecutor = handshakeExecutor;
        this.handshakeTimeout = handshakeTimeout;
        this.pool = pool;
        this.roomOptions = roomOptions;
        this.wallClock = wallClock;
    }

    IcePort icePort() {
        return icePort;
    }

    DtlsCertificate certificate() {
        return certificate;
    }

    Executor handshakeExecutor() {
        return handshakeExecutor;
    }

    /** Time a participant's transport may take from start through ICE and DTLS ({@link SfuOptions#handshakeTimeout()}). */
    Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    BufferPool pool() {
        return pool;
    }

    RoomOptions roomOptions() {
        return roomOptions;
    }

    long wallClockMs() {
        return wallClock.getAsLong();
    }

    /** A random non-zero 32-bit SSRC (RFC 3550 §8.1). */
    long randomSsrc() {
        long v;
        do {
            v = random.nextInt() & 0xFFFF_FFFFL;
        } while (v == 0);
        return v;
    }

    void countPoolExhausted() {
        poolExhausted.incrementAndGet();
    }

    long poolExhausted() {
        return poolExhausted.get();
    }

    /** Reports an event; a failing listener never disturbs the engine. */
    void emit(RoomEvent e) {
        try {
            events.onEvent(e);
        } catch (RuntimeException ex) {
            LOG.warn("room event listener failed on {}", e, ex);
        }
    }

    /** The application members of the rooms' data channels (embedding API). */
    io.junction.sfu.data.DataApplications dataApplications() {
        return dataApplications;
    }

    Totals totals() {
        return totals;
    }

    void roomClosed(SfuRoom room) {
        engine.roomClosed(room);
    }
}
