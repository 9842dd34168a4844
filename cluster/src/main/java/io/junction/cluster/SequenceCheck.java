package io.junction.cluster;

import java.util.HashMap;
import java.util.Map;

/**
 * Checks the per-(publisher, room) sequence numbers of received room events. Redis delivers one
 * channel's messages in one order to every subscriber, and each node publishes from one
 * connection, so a publisher's events arrive in order; a jump means events were lost (a
 * reconnect, a full output buffer) and the room's membership must be re-read. Not thread-safe.
 */
final class SequenceCheck {
    /** What a received sequence number means. */
    enum Result {
        /** The next one, or the first seen from this publisher in this room. */
        IN_ORDER,
        /** 1 again: the publisher started following the room anew. */
        RESTART,
        /** Some were skipped: lost events. */
        GAP,
        /** Not newer than the last one: a duplicate or reordering; drop it. */
        STALE
    }

    private record Key(String node, String room) {
    }

    private final Map<Key, Long> last = new HashMap<>();

    Result check(String node, String room, long seq) {
        Key k = new Key(node, room);
        Long prev = last.get(k);
        if (prev == null) {
            last.put(k, seq);
            return Result.IN_ORDER;
        }
        if (seq == prev + 1) {
            last.put(k, seq);
            return Result.IN_ORDER;
        }
        if (seq == 1) {
            last.put(k, seq);
            return Result.RESTART;
        }
        if (seq <= prev) {
            return Result.STALE;
        }
        last.put(k, seq);
        return Result.GAP;
    }

    /** Forgets a room this node stopped following. */
    void forgetRoom(String room) {
        last.keySet().removeIf(k -> k.room().equals(room));
    }

    /** Forgets a node that died. */
    void forgetNode(String node) {
        last.keySet().removeIf(k -> k.node().equals(node));
    }
}
