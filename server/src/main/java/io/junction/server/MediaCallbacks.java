package io.junction.server;

/**
 * Receives the server's side of one participant's negotiation in the media-only API: the SDP the
 * application must deliver to its remote peer through its own signaling. Called on engine
 * threads; implementations must be thread-safe and must not block.
 */
public interface MediaCallbacks {
    /** The server offers (it has tracks for the participant to receive); answer with {@link MediaParticipant#answer}. */
    void onOffer(String sdp);

    /** The server's answer to {@link MediaParticipant#offer}. */
    void onAnswer(String sdp);

    /**
     * A server ICE candidate (attribute value without {@code a=}); the server's candidates are
     * also in its SDP, so the default ignores trickled ones.
     */
    default void onCandidate(String candidate, String sdpMid, int sdpMLineIndex) {
    }
}
