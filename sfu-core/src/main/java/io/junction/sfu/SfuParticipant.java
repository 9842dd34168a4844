package io.junction.sfu;

import io.junction.rtp.PacketBuffer;
import io.junction.sfu.event.RoomEvent;
import io.junction.sfu.room.ParticipantMedia;
import io.junction.sfu.sdp.SdpException;
import io.junction.sfu.sdp.SdpParser;
import io.junction.sfu.sdp.SdpValidator;
import io.junction.sfu.sdp.SessionDescription;
import io.junction.sfu.signal.MediaRights;
import io.junction.sfu.signal.MediaSession;
import io.junction.sfu.signal.Negotiation;
import io.junction.sfu.signal.NegotiationException;
import io.junction.sfu.signal.NegotiationSink;
import io.junction.sfu.signal.Reception;

import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One participant of an sfu room: its identity and rights, and the glue between its signaling
 * (negotiation messages arrive on signaling threads and run on the room's worker) and its room.
 * Its transport is {@link ParticipantTransport}, the server side of its negotiation
 * {@link ServerNegotiator}, its media state {@link ParticipantMedia}; who forwards to whom is
 * decided by {@link SfuRoom} only.
 */
final class SfuParticipant implements MediaSession {
    private final String id;
    private final String name;
    private final MediaRights rights;
    private final Reception reception;
    private final SfuRoom room;
    private final EngineContext ctx;
    private final NegotiationSink sink;
    private final ParticipantTransport transport;
    private final ParticipantMedia media;
    private final ServerNegotiator negotiator;
    private volatile boolean closed;
    /** The media transport failed or the peer closed it: negotiation is over (set on the loop). */
    private volatile boolean mediaLost;
    private boolean mediaConnected; // room worker thread only
    private final io.junction.sfu.data.DataLink data;
    private final SubscriberPreferences preferences = new SubscriberPreferences();

    SfuParticipant(String id, String name, MediaRights rights, Reception reception,
                   SfuRoom room, EngineContext ctx, NegotiationSink sink) {
        this.reception = Objects.requireNonNull(reception, "reception");
        this.id = id;
        this.name = name;
        this.rights = rights;
        this.room = room;
        this.ctx = ctx;
        this.sink = sink;
        this.transport = new ParticipantTransport("room " + room.id() + " participant " + id, ctx, room.loop(),
                new ParticipantTransport.Events() {
                    @Override
                    public void onConnected() {
                        room.loop().execute(() -> room.onTransportConnected(SfuParticipant.this));
                    }

                    @Override
                    public void onLost(String reason) {
                        ctx.emit(new RoomEvent.TransportFailed(room.id(), id, reason));
                        room.loop().execute(() -> room.onTransportLost(SfuParticipant.this, reason));
                    }
                },
                this::onRtp, this::onRtcp);
        this.media = new ParticipantMedia(id, transport, ctx.randomSsrc());
        this.data = new io.junction.sfu.data.DataLink(id, room.data(), room.loop()::execute, room.loop()::nowMs);
        transport.attachData(data);
        this.negotiator = new ServerNegotiator(this, room, ctx);
    }

    /** A decrypted RTP packet, on the loop (from the transport's inbound queue). */
    private void onRtp(PacketBuffer p) {
        media.onRtp(p, room.loop().nowMs());
    }

    /** A decrypted RTCP packet, on the loop. */
    private void onRtcp(PacketBuffer p) {
        media.onRtcp(p, room.loop().nowMs(), ctx.wallClockMs());
    }

    String id() {
        return id;
    }

    String name() {
        return name;
    }

    MediaRights rights() {
        return rights;
    }

    /** How this participant receives media (standard, or answer-only for WHEP). */
    Reception reception() {
        return reception;
    }

    ParticipantTransport transport() {
        return transport;
    }

    /** Read-only for everyone but the room: the lists change only through {@link SfuRoom}. */
    ParticipantMedia media() {
        return media;
    }

    ServerNegotiator negotiator() {
        return negotiator;
    }

    /** Its data channels (room worker; the transport only hands records over). */
    io.junction.sfu.data.DataLink data() {
        return data;
    }

    NegotiationSink sink() {
        return sink;
    }

    @Override
    public void onClientNegotiation(Negotiation n) throws NegotiationException {
        if (closed) {
            throw new NegotiationException("not-in-room", "participant " + id + " has left");
        }
        if (mediaLost) {
            // The media transport failed (consent lost before any restart arrived): the media session
            // of this membership is over (SfuRoom.endMedia). A restart must come before that.
            throw new NegotiationException("unsupported",
                    "the media transport of participant " + id + " failed; leave and join again to get media");
        }
        if (n instanceof Negotiation.Offer o) {
            SessionDescription sd = parse(o.sdp());
            onLoop(() -> room.onOffer(this, sd));
        } else if (n instanceof Negotiation.Answer a) {
            SessionDescription sd = parse(a.sdp());
            onLoop(() -> room.onAnswer(this, sd));
        } else if (n instanceof Negotiation.Candidate c) {
            transport.addRemoteCandidate(c);
        }
    }

    private static SessionDescription parse(String sdp) throws NegotiationException {
        try {
            SessionDescription sd = SdpParser.parse(sdp);
            SdpValidator.validate(sd);
            return sd;
        } catch (SdpException e) {
            throw new NegotiationException(e.code(), e.getMessage());
        }
    }

    /** Runs a negotiation step on the room's worker and waits for its outcome. */
    private void onLoop(NegotiationStep step) throws NegotiationException {
        try {
            room.loop().submit(() -> {
                try {
                    step.run();
                    return null;
                } catch (NegotiationException e) {
                    throw new StepFailure(e);
                }
            }).get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StepFailure f) {
                throw f.failure;
            }
            throw new NegotiationException("internal", "negotiation failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new NegotiationException("internal", "negotiation timed out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NegotiationException("internal", "interrupted");
        }
    }

    @Override
    public void onPreference(String publisher, int maxHeight, boolean paused) throws NegotiationException {
        if (closed) {
            throw new NegotiationException("not-in-room", "participant " + id + " has left");
        }
        if (publisher.equals(id)) {
            throw new NegotiationException("bad-message", "a preference names another participant, not yourself");
        }
        onLoop(() -> {
            if (room.participants().stream().noneMatch(p -> p.id().equals(publisher))) {
                throw new NegotiationException("bad-message", "no participant '" + publisher + "' in the room");
            }
            preferences.set(publisher, maxHeight, paused, media.subscriptions(), room.loop().nowMs());
        });
    }

    /** Its video preferences by publisher (room worker). */
    SubscriberPreferences preferences() {
        return preferences;
    }

    @Override
    public void leave() {
        if (closed) {
            return;
        }
        closed = true;
        room.loop().execute(() -> room.remove(this, "left"));
    }

    /** True once the media transport failed or the peer closed it. */
    boolean mediaLost() {
        return mediaLost;
    }

    /**
     * On the loop, from {@link SfuRoom}'s teardown after it dropped this participant's tracks and
     * subscriptions: closes the transport; {@code leaving} ends the membership too, otherwise
     * only the media session ends (the membership stays until leave).
     */
    void closeMedia(boolean leaving) {
        if (leaving) {
            closed = true;
        } else {
            mediaLost = true;
        }
        transport.close();
    }

    /** True once the media transport connected (room worker thread only). */
    boolean mediaConnected() {
        return mediaConnected;
    }

    /** On the loop: the media transport connected. */
    void markMediaConnected() {
        mediaConnected = true;
    }

    @FunctionalInterface
    private interface NegotiationStep {
        void run() throws NegotiationException;
    }

    private static final class StepFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient NegotiationException failure;

        StepFailure(NegotiationException failure) {
            super(failure.getMessage(), null, false, false);
            this.failure = failure;
        }
    }
}
