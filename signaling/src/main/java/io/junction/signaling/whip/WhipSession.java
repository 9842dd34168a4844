package io.junction.signaling.whip;

import io.junction.sfu.signal.MediaSession;
import io.junction.signaling.RoomAccess;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * One WHIP or WHEP session resource (RFC 9725 section 4.3): a room member without a socket and
 * its media session. Its methods are serialized by its own lock.
 */
final class WhipSession {
    /** Which front created the session. */
    enum Kind { WHIP, WHEP }

    private final String id;
    private final Kind kind;
    private final RoomAccess.Member member;
    private final MediaSession media;
    private final byte[] token;
    private final String etag;
    private final String clientUfrag;
    private boolean ended;
    private volatile boolean connected;

    /**
     * @param token       the bearer token the session was created with (null = none); later
     *                    requests on the resource must carry the same one
     * @param clientUfrag the client's ICE ufrag from its offer (a fragment naming another one is an ICE restart)
     */
    WhipSession(String id, Kind kind, RoomAccess.Member member, MediaSession media, String token, String etag,
                String clientUfrag) {
        this.id = id;
        this.kind = kind;
        this.member = member;
        this.media = media;
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        this.etag = etag;
        this.clientUfrag = clientUfrag;
    }

    String id() {
        return id;
    }

    Kind kind() {
        return kind;
    }

    String room() {
        return member.room();
    }

    String participantId() {
        return member.id();
    }

    MediaSession media() {
        return media;
    }

    /** The entity tag of the session's ICE session (quoted, RFC 9110 section 8.8.3). */
    String etag() {
        return etag;
    }

    String clientUfrag() {
        return clientUfrag;
    }

    /** Whether a request on the resource may act on it: the same bearer token as at creation. */
    boolean authorizes(String bearer) {
        if (token == null) {
            return true;
        }
        return bearer != null && MessageDigest.isEqual(token, bearer.getBytes(StandardCharsets.UTF_8));
    }

    /** Ends the session once: the media session leaves, then the member (the others get {@code bye}). */
    synchronized boolean end() {
        if (ended) {
            return false;
        }
        ended = true;
        try {
            media.leave();
        } finally {
            member.leave();
        }
        return true;
    }

    void markConnected() {
        connected = true;
    }

    /** Whether the engine reported the session's media transport connected. */
    boolean connected() {
        return connected;
    }

    synchronized boolean ended() {
        return ended;
    }
}
