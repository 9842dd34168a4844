package io.junction.signaling;

import io.junction.sfu.signal.MediaEngine;
import java.util.Objects;

/**
 * Room membership for fronts other than the WebSocket one (WHIP/WHEP HTTP sessions): such a
 * participant is a member of the same rooms as {@code /ws} clients, counts against capacity,
 * makes the others get {@code otherjoin} and, when it leaves, {@code bye}. It has no socket:
 * frames addressed to it (its {@code joined}, others' relayed data) are dropped.
 */
public final class RoomAccess {
    private final SignalingServer server;
    private final OriginPolicy origins;

    private RoomAccess(SignalingServer server) {
        this.server = server;
        this.origins = new OriginPolicy(server.options().allowedOrigins());
    }

    /** Membership of {@code server}'s rooms. */
    public static RoomAccess of(SignalingServer server) {
        return new RoomAccess(Objects.requireNonNull(server, "server"));
    }

    /** Why a join was refused. */
    public enum Refusal {
        /** The room is at capacity. */
        ROOM_FULL,
        /** The room does not exist and the server already has its limit of rooms. */
        ROOM_LIMIT,
        /** The room is a {@code p2p} room: media does not reach the server there. */
        NOT_SFU,
        /** The media engine refuses more half-open transports from this source. */
        RATE_LIMITED,
        /** The server is shutting down. */
        CLOSED
    }

    /** A refused join. */
    public static final class RefusedException extends Exception {
        private static final long serialVersionUID = 1L;
        private final Refusal refusal;

        RefusedException(Refusal refusal, String message) {
            super(message);
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    /** A member without a socket. {@link #leave()} is idempotent. */
    public static final class Member {
        private final RoomRegistry registry;
        private final Participant participant;
        private boolean left;

        Member(RoomRegistry registry, Participant participant) {
            this.registry = registry;
            this.participant = participant;
        }

        /** The server-chosen participant id. */
        public String id() {
            return participant.id();
        }

        public String room() {
            return participant.room();
        }

        /** Leaves the room: the others get {@code bye}. */
        public synchronized void leave() {
            if (!left) {
                left = true;
                registry.leave(participant);
            }
        }
    }

    /**
     * Joins {@code room} (creating it as the room policy says) as a member without a socket. Only
     * {@code sfu} rooms are joined; {@code source} (the client's IP address, may be null) is
     * checked against the engine's half-open limit before the room sees the join.
     *
     * @throws RefusedException when the room is full, the room limit is reached, the room is p2p,
     *                          the source is rate-limited or the server is closing
     */
    public Member join(String room, String displayName, String source) throws RefusedException {
        RoomRegistry registry = server.rooms();
        if (registry.isClosed()) {
            throw new RefusedException(Refusal.CLOSED, "the server is shutting down");
        }
        Outbox discard = new Outbox(new DiscardingWire(), Integer.MAX_VALUE, Runnable::run);
        RoomRegistry.JoinResult r = registry.join(room, displayName, discard, mode -> mode != RoomMode.SFU
                ? new NotSfu() : null);
        if (r.refusal() instanceof NotSfu) {
            throw new RefusedException(Refusal.NOT_SFU, "room '" + room + "' is a p2p room; media needs an sfu room");
        }
        if (r.refusal() != null) {
            throw new RefusedException(Refusal.RATE_LIMITED, r.refusal().getMessage());
        }
        if (r.participant() == null) {
            throw r.mode() == null
                    ? new RefusedException(Refusal.ROOM_LIMIT, "the server's room limit is reached")
                    : new RefusedException(Refusal.ROOM_FULL, "room '" + room + "' is full");
        }
        return new Member(registry, r.participant());
    }

    /** Whether {@code participantId} is a member of {@code room} now. */
    public boolean isMember(String room, String participantId) {
        return server.rooms().isMember(room, participantId);
    }

    /** Participants in {@code room} now (0 when it does not exist). */
    public int roomSize(String room) {
        return server.rooms().roomSize(room).orElse(0);
    }

    /** Whether a browser page of {@code origin} (null = no Origin header) may use the server (allowed origins). */
    public boolean originAllowed(String origin) {
        return origins.allows(origin);
    }

    /** The media engine of {@code sfu} rooms. */
    public MediaEngine engine() {
        return server.engine();
    }

    /** The server's validated options (authenticator, limits, allowed origins, ICE servers). */
    public SignalingOptions options() {
        return server.options();
    }

    /** The audio/video m-sections an offer sends on (for the per-participant track limit). */
    public static int sendingTracks(String sdp) {
        return OfferTracks.sending(sdp);
    }

    private static final class NotSfu extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotSfu() {
            super("not an sfu room", null, false, false);
        }
    }

    /** Frames to a member without a socket go nowhere; each send completes at once. */
    private static final class DiscardingWire implements Outbox.Wire {
        @Override
        public void sendText(String text, Runnable done, java.util.function.Consumer<Throwable> failed) {
            done.run();
        }

        @Override
        public void close(int status, String reason) {
        }
    }
}
