package io.junction.signaling;

import io.junction.sfu.signal.MediaEngine;
import io.junction.sfu.signal.MediaRights;
import io.junction.sfu.signal.MediaSession;
import io.junction.sfu.signal.Negotiation;
import io.junction.sfu.signal.NegotiationException;
import io.junction.sfu.signal.NegotiationSink;
import io.junction.sfu.signal.Reception;
import io.junction.sfu.signal.TrackSelection;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's protocol state machine: outside a room or in exactly one. Rate-limits,
 * decodes and routes each frame (PROTOCOL.md "message routing"); bad input is answered with an
 * {@code error} and changes nothing. Calls are serialized by this object's lock; lock order is
 * always handler, then registry.
 */
final class ClientHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ClientHandler.class);

    private final RoomRegistry registry;
    private final MediaEngine engine;
    private final SignalCodec codec;
    private final NegotiationCodec negotiationCodec;
    private final Outbox outbox;
    private final TokenBucket bucket;
    private final Authenticator authenticator;
    private final Consumer<String> errorCounter;
    private final int maxTracks;
    /** The peer's IP address (the media engine bounds half-open transports per source), or null. */
    private final String source;
    private final int maxViolations;
    /** Refused frames so far (rate-limited, undecodable, too large, binary); at the maximum the socket closes. */
    private int violations;
    /** True from a rate-limited reply until a frame passes the limiter again: one reply per episode. */
    private boolean rateLimitReported;
    /** Set once the connection is being closed for abuse: later frames are ignored. */
    private boolean closing;
    /**
     * True for the socket.io classic dialects: their clients cannot follow a cluster's
     * {@code redirect} (their joins are always taken here), and in an {@code sfu} room the server
     * is their single peer: they receive the speaker-following outputs, their offers and answers
     * are negotiated, and their other relay messages (candidates: the server is ICE-lite and
     * learns the path from connectivity checks) are accepted and dropped (PROTOCOL.md
     * "socket.io front", "Classic clients in sfu rooms").
     */
    private final boolean classic;
    private Participant self;
    private RoomMode mode;
    private MediaSession media;
    /** Cleared when the participant leaves, so late engine output for the old room is dropped. */
    private AtomicBoolean mediaLive;

    ClientHandler(RoomRegistry registry, MediaEngine engine, SignalCodec codec, Outbox outbox, TokenBucket bucket,
                  Authenticator authenticator, Consumer<String> errorCounter, int maxTracks, String source,
                  int maxViolations) {
        this(registry, engine, codec, outbox, bucket, authenticator, errorCounter, maxTracks, source, maxViolations,
                false);
    }

    ClientHandler(RoomRegistry registry, MediaEngine engine, SignalCodec codec, Outbox outbox, TokenBucket bucket,
                  Authenticator authenticator, Consumer<String> errorCounter, int maxTracks, String source,
                  int maxViolations, boolean classic) {
        this.classic = classic;
        this.maxTracks = maxTracks;
        this.maxViolations = maxViolations;
        this.source = source;
        this.authenticator = authenticator;
        this.errorCounter = errorCounter;
        this.registry = registry;
        this.engine = engine;
        this.codec = codec;
        this.negotiationCodec = new NegotiationCodec(codec);
        this.outbox = outbox;
        this.bucket = bucket;
    }

    /** One text frame from the client. */
    synchronized void onText(String frame) {
        if (closing || !admit()) {
            return;
        }
        SignalMessage.Client message;
        try {
            message = codec.decode(frame);
        } catch (SignalDecodeException e) {
            error(e.code(), e.getMessage(), e.ref());
            violation();
            return;
        }
        if (message instanceof SignalMessage.Join) {
            join((SignalMessage.Join) message);
        } else if (message instanceof SignalMessage.Leave) {
            leave((SignalMessage.Leave) message);
        } else {
            message((SignalMessage.Message) message);
        }
    }

    /** Input another front could not turn into a frame: rate-limited like a frame, then answered with an error. */
    synchronized void onInvalid(String code, String message, String ref) {
        if (!bucket.tryTake()) {
            error(ErrorCodes.RATE_LIMITED, "too many messages, slow down", null);
            return;
        }
        error(code, message, ref);
    }

    /** A binary frame, which the protocol does not use. */
    synchronized void onBinary() {
        if (closing || !admit()) {
            return;
        }
        error(ErrorCodes.BAD_MESSAGE, "binary frames are not part of the protocol", null);
        violation();
    }

    /**
     * A text message longer than the hard limit (4 × maxFrameBytes) arrived: it was not kept.
     * The client gets {@code too-large}, then the socket closes with 1009 (RFC 6455 section 7.4.1).
     */
    synchronized void onOversize(long limit) {
        if (closing) {
            return;
        }
        closing = true;
        errorCounter.accept(ErrorCodes.TOO_LARGE);
        outbox.finish(codec.encode(new SignalMessage.ErrorMessage(ErrorCodes.TOO_LARGE,
                "frame longer than " + limit + " characters; closing", null)), MESSAGE_TOO_BIG, ErrorCodes.TOO_LARGE);
    }

    /** WebSocket close status "message too big" (RFC 6455 section 7.4.1). */
    static final int MESSAGE_TOO_BIG = 1009;

    /**
     * Takes a token for one frame. Over the rate, the frame is dropped: the first drop of an
     * episode is answered with {@code rate-limited}, the others only count as violations.
     */
    private boolean admit() {
        if (bucket.tryTake()) {
            rateLimitReported = false;
            return true;
        }
        if (!rateLimitReported) {
            rateLimitReported = true;
            error(ErrorCodes.RATE_LIMITED, "too many messages, slow down; further ones are dropped", null);
        } else {
            errorCounter.accept(ErrorCodes.RATE_LIMITED);
        }
        violation();
        return false;
    }

    /** Counts a refused frame; the last allowed one closes the connection with {@code protocol-closed}. */
    private void violation() {
        if (++violations < maxViolations || closing) {
            return;
        }
        closing = true;
        LOG.info("closing a connection from {} after {} refused frames", source, violations);
        errorCounter.accept(ErrorCodes.PROTOCOL_CLOSED);
        outbox.finish(codec.encode(new SignalMessage.ErrorMessage(ErrorCodes.PROTOCOL_CLOSED,
                violations + " refused frames; closing", null)), Outbox.POLICY_VIOLATION, ErrorCodes.PROTOCOL_CLOSED);
    }

    /** The socket closed: an implicit {@code leave}. */
    synchronized void onClose() {
        outbox.close();
        exitRoom();
    }

    private void join(SignalMessage.Join join) {
        if (self != null) {
            error(ErrorCodes.ALREADY_IN_ROOM, "already in room '" + self.room() + "'", join.type());
            return;
        }
        AuthDecision decision;
        try {
            decision = authenticator.authenticate(new Authenticator.JoinRequest(join.room(), join.name(), join.token()));
        } catch (RuntimeException e) {
            LOG.error("authenticator failed on a join to room {}", join.room(), e);
            error(ErrorCodes.INTERNAL, "the authenticator failed", join.type());
            return;
        }
        if (decision == null || !decision.granted()) {
            String reason = decision == null ? "no decision" : decision.reason();
            LOG.info("join to room {} denied: {}", join.room(), reason);
            error(ErrorCodes.UNAUTHORIZED, reason, join.type());
            return;
        }
        if (registry.isClosed()) {
            error(ErrorCodes.INTERNAL, "the server is shutting down", join.type());
            return;
        }
        RoomFederation.Redirect elsewhere = classic ? null : registry.placement(join.room());
        if (elsewhere != null) {
            LOG.debug("join to room {} redirected to node {} ({})", join.room(), elsewhere.node(), elsewhere.reason());
            outbox.send(codec.encode(new SignalMessage.Redirect(join.room(), elsewhere.url(), elsewhere.reason())));
            return;
        }
        // No refusal for half-open transports: the media engine bounds those at its media port.
        RoomRegistry.JoinResult result = registry.join(join.room(), join.name(), outbox);
        if (result.refusal() != null) {
            LOG.debug("join to room {} refused: {} from {}", join.room(), result.refusal().getMessage(), source);
            error(ErrorCodes.UNSUPPORTED, result.refusal().getMessage(), join.type());
            return;
        }
        if (result.participant() == null) {
            return;
        }
        self = result.participant();
        mode = result.mode();
        if (mode == RoomMode.SFU) {
            startMedia(join, decision.rights());
        }
    }

    private void startMedia(SignalMessage.Join join, MediaRights rights) {
        String room = self.room();
        AtomicBoolean live = new AtomicBoolean(true);
        mediaLive = live;
        NegotiationSink sink = new NegotiationSink() {
            @Override
            public void send(Negotiation n) {
                if (live.get()) {
                    outbox.send(codec.encode(new SignalMessage.Relayed(room, "sfu", negotiationCodec.encode(n))));
                }
            }

            @Override
            public void dominantSpeaker(String participantId) {
                if (live.get()) {
                    outbox.send(codec.encode(new SignalMessage.Speaker(room, participantId)));
                }
            }
        };
        try {
            media = classic
                    ? engine.join(room, self.id(), join.name(), rights, source,
                            Reception.answerOnly(TrackSelection.ACTIVE_SPEAKER), sink)
                    : join.offerFirst()
                    ? engine.join(room, self.id(), join.name(), rights, source, Reception.CLIENT_OFFERS_FIRST, sink)
                    : engine.join(room, self.id(), join.name(), rights, source, sink);
        } catch (RuntimeException e) {
            LOG.error("media engine failed to join {} to room {}", self.id(), room, e);
            error(ErrorCodes.INTERNAL, "the media engine failed; you are not in the room", join.type());
            exitRoom();
            outbox.send(codec.encode(new SignalMessage.Leaved(room)));
        }
    }

    private void leave(SignalMessage.Leave leave) {
        if (self == null || !self.room().equals(leave.room())) {
            error(ErrorCodes.NOT_IN_ROOM, "not in room '" + leave.room() + "'", leave.type());
            return;
        }
        exitRoom();
        outbox.send(codec.encode(new SignalMessage.Leaved(leave.room())));
    }

    private void exitRoom() {
        if (self == null) {
            return;
        }
        registry.leave(self);
        self = null;
        if (mediaLive != null) {
            mediaLive.set(false);
            mediaLive = null;
        }
        MediaSession session = media;
        media = null;
        if (session != null) {
            try {
                session.leave();
            } catch (RuntimeException e) {
                LOG.error("media session leave failed", e);
            }
        }
    }

    private void message(SignalMessage.Message m) {
        if (self == null || !self.room().equals(m.room())) {
            error(ErrorCodes.NOT_IN_ROOM, "not in room '" + m.room() + "'", m.type());
            return;
        }
        String dataType = m.dataType();
        if (mode == RoomMode.SFU && classic) {
            // The server is the classic client's single peer: offers and answers are negotiated,
            // everything else (candidates in any shape, the codelab's strings) is dropped.
            if ("offer".equals(dataType) || "answer".equals(dataType)) {
                negotiate(m);
            }
            return;
        }
        if (mode == RoomMode.SFU && NegotiationCodec.isNegotiation(dataType)) {
            negotiate(m);
            return;
        }
        if (mode == RoomMode.SFU && PreferenceCodec.TYPE.equals(dataType)) {
            prefer(m);
            return;
        }
        if (!registry.relay(self, m.to(), m.data())) {
            error(ErrorCodes.BAD_MESSAGE, "no other participant '" + m.to() + "' in the room", m.type());
        }
    }

    private void negotiate(SignalMessage.Message m) {
        if (m.to() != null) {
            error(ErrorCodes.BAD_MESSAGE, "field 'to' must be absent for " + m.dataType() + " in an sfu room", m.type());
            return;
        }
        Negotiation negotiation;
        try {
            negotiation = negotiationCodec.decode(m.data());
        } catch (SignalDecodeException e) {
            error(e.code(), e.getMessage(), m.type());
            return;
        }
        if (negotiation instanceof Negotiation.Offer) {
            int tracks = OfferTracks.sending(((Negotiation.Offer) negotiation).sdp());
            if (tracks > maxTracks) {
                error(ErrorCodes.UNSUPPORTED, "the offer sends " + tracks + " tracks; the limit is " + maxTracks
                        + " per participant", m.type());
                return;
            }
        }
        if (media == null) {
            error(ErrorCodes.INTERNAL, "no media session", m.type());
            return;
        }
        try {
            media.onClientNegotiation(negotiation);
        } catch (NegotiationException e) {
            error(e.code(), e.getMessage(), m.type());
        } catch (RuntimeException e) {
            LOG.error("media engine failed on {} from {}", m.dataType(), self.id(), e);
            error(ErrorCodes.INTERNAL, "the media engine failed on this " + m.dataType(), m.type());
        }
    }

    /** A layer preference for the server (PROTOCOL.md "Layer preferences (1.5)"). */
    private void prefer(SignalMessage.Message m) {
        if (m.to() != null) {
            error(ErrorCodes.BAD_MESSAGE, "field 'to' must be absent for preference in an sfu room", m.type());
            return;
        }
        PreferenceCodec.Preference p;
        try {
            p = PreferenceCodec.decode(m.data());
        } catch (SignalDecodeException e) {
            error(e.code(), e.getMessage(), m.type());
            return;
        }
        if (media == null) {
            error(ErrorCodes.INTERNAL, "no media session", m.type());
            return;
        }
        try {
            media.onPreference(p.publisher(), p.maxHeight(), p.paused());
        } catch (NegotiationException e) {
            error(e.code(), e.getMessage(), m.type());
        } catch (RuntimeException e) {
            LOG.error("media engine failed on a preference from {}", self.id(), e);
            error(ErrorCodes.INTERNAL, "the media engine failed on this preference", m.type());
        }
    }

    private void error(String code, String message, String ref) {
        errorCounter.accept(code);
        outbox.send(codec.encode(new SignalMessage.ErrorMessage(code, message, ref)));
    }
}
