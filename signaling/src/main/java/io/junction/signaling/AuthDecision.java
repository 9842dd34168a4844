package io.junction.signaling;

import io.junction.sfu.signal.MediaRights;
import java.util.Objects;

/**
 * An {@link Authenticator}'s answer: denied with a reason sent to the client, or granted with
 * media rights. Create with {@link #deny(String)} or {@link #grant(MediaRights)}.
 *
 * @param granted whether the join may proceed
 * @param rights  the rights when granted, null when denied
 * @param reason  the human-readable reason when denied, null when granted
 * @param displayName a display name the credentials carry (e.g. a token's {@code name} claim), null when
 *                none; used by the WHIP/WHEP fronts, whose clients have no {@code join.name}
 */
public record AuthDecision(boolean granted, MediaRights rights, String reason, String displayName) {
    public AuthDecision {
        if (granted) {
            Objects.requireNonNull(rights, "rights");
        } else {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Admits the join with {@code rights}. */
    public static AuthDecision grant(MediaRights rights) {
        return new AuthDecision(true, rights, null, null);
    }

    /** Admits the join with {@code rights} and the display name the credentials carry (may be null). */
    public static AuthDecision grant(MediaRights rights, String displayName) {
        return new AuthDecision(true, rights, null, displayName);
    }

    /** Refuses the join; {@code reason} goes to the client in the {@code unauthorized} error. */
    public static AuthDecision deny(String reason) {
        return new AuthDecision(false, null, reason, null);
    }
}
