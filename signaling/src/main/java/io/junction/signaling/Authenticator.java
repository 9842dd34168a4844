package io.junction.signaling;

/**
 * Decides whether a {@code join} may enter its room and with which media rights. Called on the
 * joining socket's thread before the room is touched, so it may take a moment (e.g. verify a
 * token) but delays only that connection. Must be thread-safe. A denied join is answered with
 * {@code error} code {@code unauthorized} and the connection stays outside any room.
 *
 * <p>Rights are enforced by the media engine in {@code sfu} rooms; in {@code p2p} rooms media
 * never reaches the server, so only the grant/deny decision applies there.
 */
@FunctionalInterface
public interface Authenticator {
    /** Admits everyone with all rights. */
    Authenticator ALLOW_ALL = request -> AuthDecision.grant(io.junction.sfu.signal.MediaRights.ALL);

    /** The decision for one join request; never null. */
    AuthDecision authenticate(JoinRequest request);

    /**
     * What a client asked for.
     *
     * @param room  the room name (already validated)
     * @param name  the display name, "" when absent
     * @param token the {@code token} field, null when absent
     */
    record JoinRequest(String room, String name, String token) {
    }
}
