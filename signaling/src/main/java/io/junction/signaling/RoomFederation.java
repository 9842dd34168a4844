package io.junction.signaling;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The hook through which a room spans several servers (the {@code cluster} module implements it).
 * The {@link RoomRegistry} calls it on local membership changes and relays; the other direction,
 * events of participants on other servers, enters through the registry's {@code remote...}
 * methods. Without a federation ({@link #NONE}) a registry is a single-server registry.
 *
 * <p>{@link #joined}, {@link #left} and {@link #relayed} are called under the registry's lock, in
 * the order every local participant observes: they must not block (queue and return).
 */
public interface RoomFederation {
    /** No other servers: ids are {@code p<n>}, nothing is published. */
    RoomFederation NONE = new RoomFederation() {
    };

    /** Prepended to this server's participant ids so that they are unique across servers ("" = none). */
    default String idPrefix() {
        return "";
    }

    /**
     * Called before a join to a room that has no local participant yet, on the joining connection's
     * thread and outside the registry's lock: may block briefly (bounded) to learn the room's
     * participants on other servers and inject them with {@link RoomRegistry#remoteJoin}, so the
     * {@code joined} answer lists them.
     */
    default void prepare(String room) {
    }

    /** Where a join should go instead of this server: the other server's signaling URL, why, and its node id. */
    record Redirect(String url, String reason, String node) {
    }

    /**
     * Called before a join to a room that has no local participant yet, on the joining connection's
     * thread and outside the registry's lock (may block briefly, bounded): null to take the join
     * here, or where to send the client instead.
     */
    default Redirect redirect(String room) {
        return null;
    }

    /** A local participant joined {@code room}. */
    default void joined(String room, String id, String name) {
    }

    /** A local participant left {@code room} (leave, disconnect or server shutdown). */
    default void left(String room, String id) {
    }

    /**
     * A local participant relayed {@code data} to {@code to}, a participant on another server, or
     * to the whole room ({@code to} null; local participants already got it). {@code data} must
     * not be modified.
     */
    default void relayed(String room, String from, String to, ObjectNode data) {
    }
}
