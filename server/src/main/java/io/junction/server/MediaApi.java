package io.junction.server;

import io.junction.sfu.SfuEngine;
import io.junction.sfu.signal.MediaRights;
import io.junction.sfu.signal.Negotiation;
import io.junction.sfu.signal.NegotiationSink;
import java.util.Objects;

/**
 * The media-only API, for applications with their own signaling: the same engine the WebSocket
 * protocol drives, without it. A room exists while it has participants. The application chooses
 * participant ids (unique within a room; they are also the msid stream ids of their tracks).
 * No capacity, policy or authenticator applies here: the application decides who joins.
 */
public final class MediaApi {
    private final SfuEngine engine;

    MediaApi(SfuEngine engine) {
        this.engine = engine;
    }

    /** Joins {@code room} with all rights. */
    public MediaParticipant join(String room, String participantId, String name, MediaCallbacks callbacks) {
        return join(room, participantId, name, MediaRights.ALL, callbacks);
    }

    /**
     * Joins {@code room} (creating it) with {@code rights}. The server offers whenever there are
     * tracks for this participant to receive (after a short grace period in which the
     * participant may offer first, see PROTOCOL.md).
     */
    public MediaParticipant join(String room, String participantId, String name, MediaRights rights,
                                 MediaCallbacks callbacks) {
        return join(room, participantId, name, rights, null, callbacks);
    }

    /**
     * As {@link #join(String, String, String, MediaRights, MediaCallbacks)}, naming the client's
     * address as the application's signaling sees it (for logs; may be null). A join is never refused
     * for half-open transports: {@link JunctionBuilder#maxHalfOpenPerSource(int)} bounds them per remote
     * address at the media port.
     */
    public MediaParticipant join(String room, String participantId, String name, MediaRights rights,
                                 String source, MediaCallbacks callbacks) {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(callbacks, "callbacks");
        NegotiationSink sink = n -> {
            if (n instanceof Negotiation.Offer o) {
                callbacks.onOffer(o.sdp());
            } else if (n instanceof Negotiation.Answer a) {
                callbacks.onAnswer(a.sdp());
            } else if (n instanceof Negotiation.Candidate c) {
                callbacks.onCandidate(c.candidate(), c.sdpMid(), c.sdpMLineIndex());
            }
        };
        return new MediaParticipant(room, participantId,
                engine.join(room, participantId, name == null ? "" : name, rights, source, sink));
    }
}
