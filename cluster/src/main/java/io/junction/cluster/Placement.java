package io.junction.cluster;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Where a join to a room that has no participant on this node yet should go: here, or to another
 * node of the cluster (the client is sent a {@code redirect} with that node's signaling URL). Pure:
 * the caller reads the directory and passes what it found.
 *
 * <p>Two policies, either or both:
 * <ul>
 * <li><b>Pinned rooms</b> (a room lives on one node, as LiveKit places rooms): the first node that
 *     takes a room's pin owns it; a join elsewhere goes to the owner.</li>
 * <li><b>Load</b>: a node with {@code redirectAbove} or more local participants sends joins to a
 *     live node below that load, preferring one that already hosts the room, then the least loaded
 *     (ties by node id, so every node decides alike).</li>
 * </ul>
 * A node without a URL in the directory cannot be a target; when no target exists the join stays
 * here (a redirect never points to a node that would itself be above the threshold).
 */
public final class Placement {
    private Placement() {
    }

    /**
     * The operator's choice.
     *
     * @param pinRooms      a room lives on the node that first took it
     * @param redirectAbove local participants from which joins to rooms new to this node are sent
     *                      to a less loaded node; 0 = never
     */
    public record Policy(boolean pinRooms, int redirectAbove) {
        /** No redirects: every node takes every join (the default). */
        public static final Policy NONE = new Policy(false, 0);

        public Policy {
            if (redirectAbove < 0 || redirectAbove > 1_000_000) {
                throw new IllegalArgumentException("redirectAbove must be in 0..1000000 (got " + redirectAbove + ")");
            }
        }

        boolean any() {
            return pinRooms || redirectAbove > 0;
        }
    }

    /** Why a join is sent elsewhere (the {@code reason} of the {@code redirect} message). */
    public enum Reason {
        PINNED("pinned"), LOAD("load");

        private final String wire;

        Reason(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** Send the join to {@code node} at {@code url}. */
    public record Redirect(String node, String url, Reason reason) {
        public Redirect {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * @param policy           the policy
     * @param self             this node's id
     * @param selfParticipants participants on this node now
     * @param pinOwner         the node owning the room's pin (null when rooms are not pinned or the
     *                         pin could not be read); this node when it just took it
     * @param live             the live nodes as of the last directory refresh (may include this one)
     * @param room             the room
     * @return where to send the join, or null to take it here
     */
    public static Redirect decide(Policy policy, String self, int selfParticipants, String pinOwner,
                                  List<ClusterView.Node> live, String room) {
        if (policy.pinRooms() && pinOwner != null && !pinOwner.equals(self)) {
            for (ClusterView.Node n : live) {
                if (n.id().equals(pinOwner) && n.url() != null) {
                    return new Redirect(n.id(), n.url(), Reason.PINNED);
                }
            }
            // the owner is not (yet) in this node's view or has no URL: take the join rather than refuse it
        }
        if (policy.redirectAbove() > 0 && selfParticipants >= policy.redirectAbove()
                && (pinOwner == null || !policy.pinRooms() || !pinOwner.equals(self))) {
            ClusterView.Node best = live.stream()
                    .filter(n -> !n.id().equals(self) && n.url() != null && n.participants() < policy.redirectAbove())
                    .min(Comparator.comparing((ClusterView.Node n) -> !n.rooms().contains(room))
                            .thenComparingInt(ClusterView.Node::participants)
                            .thenComparing(ClusterView.Node::id))
                    .orElse(null);
            if (best != null) {
                return new Redirect(best.id(), best.url(), Reason.LOAD);
            }
        }
        return null;
    }
}
