package io.junction.signaling;

import io.junction.signaling.SignalMessage.IceServer;
import io.junction.signaling.iceservers.IceServerUrl;
import io.junction.signaling.iceservers.TurnRestCredentials;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code iceServers} of each {@code joined}: the configured entries, where every entry with a
 * {@code turn:}/{@code turns:} URL and no credentials of its own gets TURN REST credentials minted
 * for the joining participant ({@link TurnRestCredentials}). STUN-only entries and entries that
 * carry their own credentials are passed unchanged.
 */
final class JoinIceServers {
    private final List<IceServer> configured;
    private final TurnRestCredentials turn;

    /**
     * @param configured the entries of every {@code joined}
     * @param turn       mints credentials for TURN entries without their own; null = none (then every
     *                   TURN entry must carry credentials)
     * @throws IllegalArgumentException naming {@code iceServers} when a TURN entry has no credentials and
     *                                  {@code turn} is null (browsers refuse such an entry)
     */
    JoinIceServers(List<IceServer> configured, TurnRestCredentials turn) {
        this.configured = List.copyOf(configured);
        this.turn = turn;
        if (turn == null) {
            for (IceServer s : this.configured) {
                if (needsCredentials(s)) {
                    throw new IllegalArgumentException("iceServers: " + s.urls() + " is a TURN server without "
                            + "username and credential, and no TURN secret is set to mint them");
                }
            }
        }
    }

    /** The entries for the participant {@code participantId}; the same list when nothing is minted. */
    List<IceServer> forParticipant(String participantId) {
        if (turn == null || configured.stream().noneMatch(JoinIceServers::needsCredentials)) {
            return configured;
        }
        TurnRestCredentials.Credential c = turn.mint(participantId);
        List<IceServer> out = new ArrayList<>(configured.size());
        for (IceServer s : configured) {
            out.add(needsCredentials(s) ? new IceServer(s.urls(), c.username(), c.password()) : s);
        }
        return out;
    }

    private static boolean needsCredentials(IceServer s) {
        return s.username() == null && s.urls().stream().anyMatch(u -> IceServerUrl.parse("iceServers", u).isTurn());
    }
}
