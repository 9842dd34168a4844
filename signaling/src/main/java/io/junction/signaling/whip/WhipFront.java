package io.junction.signaling.whip;

import io.junction.sfu.event.RoomEvent;
import io.junction.sfu.event.RoomEventListener;
import io.junction.sfu.signal.MediaRights;
import io.junction.sfu.signal.MediaSession;
import io.junction.sfu.signal.Negotiation;
import io.junction.sfu.signal.NegotiationException;
import io.junction.sfu.signal.Reception;
import io.junction.sfu.signal.TrackSelection;
import io.junction.signaling.AuthDecision;
import io.junction.signaling.Authenticator;
import io.junction.signaling.RoomAccess;
import io.junction.signaling.SignalCodec;
import io.junction.signaling.SignalingServer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WHIP (RFC 9725) and WHEP sessions in the rooms of one {@link SignalingServer}: a WHIP session
 * is a publish-only participant, a WHEP session a subscribe-only participant that receives the
 * tracks chosen when its offer is answered ({@link Reception#answerOnly}). Both are members of
 * the same rooms as {@code /ws} clients (capacity, {@code otherjoin}, {@code bye}).
 *
 * <p>Mount {@link #handler()} in Jetty next to the signaling handler (it declines every path
 * outside {@code /whip/} and {@code /whep/}), give the engine's room events to {@link #onEvent}
 * (a transport that connected keeps its session past the connect deadline, one that failed ends
 * it; without these events every session ends at the deadline) and call {@link #close()} at
 * shutdown. {@code Junction} does all three.
 *
 * <p>Threading: requests run on Jetty's threads; a session's requests are serialized by the
 * session; the engine is called outside any lock of this class.
 */
public final class WhipFront implements AutoCloseable, RoomEventListener {
    private static final Logger LOG = LoggerFactory.getLogger(WhipFront.class);
    private static final long ANSWER_WAIT_SECONDS = 10;

    private final RoomAccess rooms;
    private final Map<String, WhipSession> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Duration connectDeadline;
    /** Ends sessions whose media never connected; its one thread starts on demand and ends when idle. */
    private final ScheduledThreadPoolExecutor deadlines;
    private volatile boolean closed;

    /** A front whose sessions must get their media connected within 30 s. */
    public WhipFront(SignalingServer server) {
        this(server, Duration.ofSeconds(30));
    }

    /**
     * @param connectDeadline a session whose media transport has not connected this long after its
     *                        offer was answered ends (its client never completed ICE + DTLS), 1 s..10 min
     */
    public WhipFront(SignalingServer server, Duration connectDeadline) {
        this.rooms = RoomAccess.of(server);
        if (connectDeadline == null || connectDeadline.compareTo(Duration.ofSeconds(1)) < 0
                || connectDeadline.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("connectDeadline must be in 1 s..10 min (got " + connectDeadline + ")");
        }
        this.connectDeadline = connectDeadline;
        this.deadlines = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "junction-whip-deadlines");
            t.setDaemon(true);
            return t;
        });
        deadlines.setKeepAliveTime(1, TimeUnit.SECONDS);
        deadlines.allowCoreThreadTimeOut(true);
        deadlines.setRemoveOnCancelPolicy(true);
    }

    /** The HTTP handler of {@code /whip/...} and {@code /whep/...} (relative to its context). */
    public Handler handler() {
        return new WhipHandler(this, rooms.options());
    }

    /** Sessions now. */
    public int sessionCount() {
        return sessions.size();
    }

    /**
     * The engine's room events: {@code TransportConnected} marks a session's media connected,
     * {@code TransportFailed} ends the session. Non-blocking (safe on engine threads).
     */
    @Override
    public void onEvent(RoomEvent event) {
        if (event instanceof RoomEvent.TransportFailed f) {
            onMediaLost(f.room(), f.participant());
        } else if (event instanceof RoomEvent.TransportConnected c) {
            onMediaConnected(c.room(), c.participant());
        }
    }

    /** The engine reports that {@code participantId}'s media transport failed: its session, if any, ends. */
    public void onMediaLost(String room, String participantId) {
        for (WhipSession s : sessions.values()) {
            if (s.room().equals(room) && s.participantId().equals(participantId)) {
                LOG.info("{} session {} in room {}: media lost, ending it", s.kind(), s.id(), room);
                end(s);
            }
        }
    }

    /** The engine reports that {@code participantId}'s media transport connected. */
    public void onMediaConnected(String room, String participantId) {
        for (WhipSession s : sessions.values()) {
            if (s.room().equals(room) && s.participantId().equals(participantId)) {
                s.markConnected();
            }
        }
    }

    /** Ends every session (their participants leave) and stops the deadline thread. */
    @Override
    public void close() {
        closed = true;
        deadlines.shutdownNow();
        for (WhipSession s : sessions.values()) {
            end(s);
        }
    }

    /** A created session and the SDP answer for its client. */
    record Created(WhipSession session, String answer) {
    }

    WhipSession session(String id) {
        return id == null ? null : sessions.get(id);
    }

    void end(WhipSession s) {
        sessions.remove(s.id(), s);
        s.end();
    }

    /**
     * Admits one WHIP publisher or WHEP viewer and negotiates its offer.
     *
     * @param publisher WHEP: the participant whose tracks are wanted, null = the room's rule; WHIP: null
     * @throws WhipError with the status and reason to answer
     */
    Created start(WhipSession.Kind kind, String room, String publisher, String queryName, String token,
                  String source, String offer) throws WhipError {
        if (closed) {
            throw new WhipError(503, "the server is shutting down");
        }
        if (!SignalCodec.ROOM_NAME.matcher(room).matches()) {
            throw new WhipError(404, "room names are 1-64 characters of [A-Za-z0-9_.-]");
        }
        AuthDecision decision = authenticate(room, queryName, token);
        MediaRights rights = decision.rights();
        boolean whip = kind == WhipSession.Kind.WHIP;
        if (whip ? !rights.publish() : !rights.subscribe()) {
            throw new WhipError(403, whip ? "the token does not allow publishing" : "the token does not allow subscribing");
        }
        if (whip && RoomAccess.sendingTracks(offer) > rooms.options().maxTracks()) {
            throw new WhipError(400, "the offer sends " + RoomAccess.sendingTracks(offer) + " tracks; the limit is "
                    + rooms.options().maxTracks() + " per participant");
        }
        if (!whip) {
            if (!roomExists(room)) {
                throw new WhipError(404, "no room '" + room + "'");
            }
            if (publisher != null && !rooms.isMember(room, publisher)) {
                throw new WhipError(404, "no participant '" + publisher + "' in room '" + room + "'");
            }
        }
        String name = displayName(queryName, decision);
        RoomAccess.Member member;
        try {
            member = rooms.join(room, name, source);
        } catch (RoomAccess.RefusedException e) {
            throw new WhipError(switch (e.refusal()) {
                case ROOM_FULL, NOT_SFU -> 409;
                case RATE_LIMITED -> 429;
                case ROOM_LIMIT, CLOSED -> 503;
            }, e.getMessage());
        }
        try {
            return negotiate(kind, member, publisher, name, whip ? MediaRights.PUBLISH_ONLY : MediaRights.SUBSCRIBE_ONLY,
                    token, source, offer);
        } catch (WhipError | RuntimeException e) {
            member.leave();
            throw e;
        }
    }

    private void expireUnconnected(WhipSession s) {
        if (!s.connected() && !s.ended()) {
            LOG.info("{} session {} in room {}: media not connected within {}, ending it", s.kind(), s.id(), s.room(),
                    connectDeadline);
            end(s);
        }
    }

    private boolean roomExists(String room) {
        return rooms.roomSize(room) > 0;
    }

    private Created negotiate(WhipSession.Kind kind, RoomAccess.Member member, String publisher, String name,
                              MediaRights rights, String token, String source, String offer) throws WhipError {
        CompletableFuture<String> answer = new CompletableFuture<>();
        Reception reception = kind == WhipSession.Kind.WHIP ? Reception.STANDARD : Reception.answerOnly(
                publisher == null ? TrackSelection.ACTIVE_SPEAKER : new TrackSelection.Publisher(publisher));
        MediaSession media;
        try {
            media = rooms.engine().join(member.room(), member.id(), name, rights, source, reception, n -> {
                if (n instanceof Negotiation.Answer a) {
                    answer.complete(a.sdp());
                } else if (n instanceof Negotiation.Offer) {
                    // An HTTP session cannot take a server offer; a publish-only session is never sent
                    // one and an answer-only one neither (Reception), so this is only logged.
                    LOG.debug("{}: server offer dropped (no channel for it)", member.id());
                }
            });
        } catch (UnsupportedOperationException e) {
            throw new WhipError(501, "the media engine cannot serve this session: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("{}: the media engine failed to join it to room {}", member.id(), member.room(), e);
            throw new WhipError(500, "the media engine failed");
        }
        try {
            media.onClientNegotiation(new Negotiation.Offer(offer));
            String sdp = answer.get(ANSWER_WAIT_SECONDS, TimeUnit.SECONDS);
            if (kind == WhipSession.Kind.WHEP && !sdp.contains("a=sendonly")) {
                throw new WhipError(422, publisher == null
                        ? "nothing to view: no published track fits the offer's receive sections"
                        : "nothing to view: participant '" + publisher + "' publishes no track the offer can receive");
            }
            String id = newId();
            WhipSession s = new WhipSession(id, kind, member, media, token, "\"" + newId() + "\"", iceUfrag(offer));
            sessions.put(id, s);
            try {
                deadlines.schedule(() -> expireUnconnected(s), connectDeadline.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                end(s); // closing
            }
            if (closed) {
                end(s);
                throw new WhipError(503, "the server is shutting down");
            }
            LOG.info("{} session {}: participant {} ({}) in room {}", kind, id, member.id(), name, member.room());
            return new Created(s, sdp);
        } catch (NegotiationException e) {
            media.leave();
            throw new WhipError(switch (e.code()) {
                case "unauthorized" -> 403;
                case "unsupported" -> 422;
                case "internal" -> 500;
                default -> 400;
            }, e.getMessage());
        } catch (WhipError e) {
            media.leave();
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            media.leave();
            throw new WhipError(503, "interrupted");
        } catch (Exception e) {
            media.leave();
            LOG.error("{}: negotiation failed", member.id(), e);
            throw new WhipError(500, "the media engine failed on this offer");
        }
    }

    private AuthDecision authenticate(String room, String name, String token) throws WhipError {
        AuthDecision d;
        try {
            d = rooms.options().authenticator().authenticate(new Authenticator.JoinRequest(room,
                    name == null ? "" : name, token));
        } catch (RuntimeException e) {
            LOG.error("authenticator failed on a WHIP/WHEP request to room {}", room, e);
            throw new WhipError(500, "the authenticator failed");
        }
        if (d == null || !d.granted()) {
            throw new WhipError(401, d == null ? "no decision" : d.reason());
        }
        return d;
    }

    private static String displayName(String queryName, AuthDecision d) throws WhipError {
        String name = d.displayName() != null ? d.displayName() : queryName == null ? "" : queryName;
        if (name.length() > SignalCodec.MAX_NAME_CHARS) {
            throw new WhipError(400, "the display name must be at most " + SignalCodec.MAX_NAME_CHARS + " characters");
        }
        return name;
    }

    /** The first {@code a=ice-ufrag} of an SDP (null when none; the engine reports a bad offer). */
    static String iceUfrag(String sdp) {
        for (String line : sdp.split("\r?\n", 200)) {
            if (line.startsWith("a=ice-ufrag:")) {
                return line.substring("a=ice-ufrag:".length()).trim();
            }
        }
        return null;
    }

    private String newId() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    boolean originAllowed(String origin) {
        return rooms.originAllowed(origin);
    }

    /** ICE servers announced in {@code Link} headers (RFC 9725 section 4.6). */
    List<io.junction.signaling.SignalMessage.IceServer> iceServers() {
        return rooms.options().iceServers();
    }
}
