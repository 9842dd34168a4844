package io.junction.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One message on a room's channel: a participant of {@code node} joined, left, or relayed data.
 *
 * @param node the publishing node
 * @param seq  the publisher's sequence number in this room, from 1 (restarts at 1 when the node
 *             stops and starts following the room again)
 * @param kind what happened
 * @param id   the participant
 * @param name its display name ({@link Kind#JOIN}), else null
 * @param to   the target participant of a {@link Kind#RELAY}, null = the whole room
 * @param data the relayed object ({@link Kind#RELAY}), else null
 */
public record RoomEvent(String node, long seq, Kind kind, String id, String name, String to, ObjectNode data) {
    /** Event kinds, by their wire names. */
    public enum Kind {
        JOIN("join"), LEAVE("leave"), RELAY("relay");

        final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        static Kind fromWire(String s) {
            for (Kind k : values()) {
                if (k.wire.equals(s)) {
                    return k;
                }
            }
            return null;
        }
    }

    public RoomEvent {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        if (kind == Kind.JOIN) {
            Objects.requireNonNull(name, "name");
        }
        if (kind == Kind.RELAY) {
            Objects.requireNonNull(data, "data");
        }
    }
}
