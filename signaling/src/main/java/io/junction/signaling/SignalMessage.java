package io.junction.signaling;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * Every message of the signaling protocol (PROTOCOL.md v1), one record per {@code type}.
 * {@link Client} messages come from browsers, {@link Server} messages go to them.
 */
public sealed interface SignalMessage permits SignalMessage.Client, SignalMessage.Server {

    /** The wire {@code type}. */
    String type();

    /** Client → server messages. */
    sealed interface Client extends SignalMessage permits Join, Leave, Message {
    }

    /** Server → client messages. */
    sealed interface Server extends SignalMessage permits Joined, OtherJoin, Full, Leaved, Bye, Relayed, ErrorMessage, Redirect,
            Speaker {
    }

    /** A participant as listed in {@code joined.peers}. */
    record Peer(String id, String name) {
    }

    /**
     * One entry of {@code joined.iceServers} (an RTCIceServer): one or more STUN/TURN URLs, each
     * checked by {@link io.junction.signaling.iceservers.IceServerUrl#parse}; username and credential
     * are both null or both set.
     */
    record IceServer(List<String> urls, String username, String credential) {
        public IceServer {
            urls = List.copyOf(urls);
            if (urls.isEmpty()) {
                throw new IllegalArgumentException("iceServers: an entry needs at least one URL");
            }
            urls.forEach(u -> io.junction.signaling.iceservers.IceServerUrl.parse("iceServers", u));
            if ((username == null) != (credential == null)) {
                throw new IllegalArgumentException("iceServers: " + urls + " needs both username and credential, "
                        + "or neither");
            }
        }

        @Override
        public String toString() {
            return "IceServer[urls=" + urls + ", username=" + username + ", credential="
                    + (credential == null ? "null" : "***") + "]";
        }
    }

    /**
     * Enter {@code room}; {@code name} is "" when absent, {@code token} null when absent;
     * {@code offerFirst}: the client sends the first offer of an sfu room (PROTOCOL.md 1.5).
     */
    record Join(String room, String name, String token, boolean offerFirst) implements Client {
        public Join(String room, String name, String token) {
            this(room, name, token, false);
        }

        public String type() {
            return "join";
        }
    }

    /** Leave {@code room}; the socket stays open. */
    record Leave(String room) implements Client {
        public String type() {
            return "leave";
        }
    }

    /**
     * Data for the room, a peer ({@code to}, null when absent) or the server. {@code data} is the
     * client's object, kept as parsed so relaying passes unknown fields through; do not modify it.
     */
    record Message(String room, ObjectNode data, String to) implements Client {
        public Message {
            Objects.requireNonNull(data, "data");
        }

        public String type() {
            return "message";
        }

        /** {@code data.type}, which the codec checked is a string. */
        public String dataType() {
            return data.get("type").asText();
        }
    }

    /** Answer to {@code join}. */
    record Joined(String room, String id, int userNum, List<Peer> peers, RoomMode mode, List<IceServer> iceServers)
            implements Server {
        public Joined {
            peers = List.copyOf(peers);
            iceServers = List.copyOf(iceServers);
        }

        public String type() {
            return "joined";
        }
    }

    /** To the others when someone joins. */
    record OtherJoin(String room, String id, String name, int userNum) implements Server {
        public String type() {
            return "otherjoin";
        }
    }

    /**
     * Answer to {@code join} when the room is at capacity, or when the join would create a room
     * beyond the server's room limit ({@code reason} then names that limit; null otherwise).
     */
    record Full(String room, int userNum, String reason) implements Server {
        public Full(String room, int userNum) {
            this(room, userNum, null);
        }

        public String type() {
            return "full";
        }
    }

    /**
     * Answer to {@code join} on a server of a cluster whose placement policy sends this room's joins
     * to another server: join again at {@code url} ({@code reason} {@code "pinned"} or {@code "load"}).
     * Nothing else happened: the client is in no room here.
     */
    record Redirect(String room, String url, String reason) implements Server {
        public String type() {
            return "redirect";
        }
    }

    /** Answer to {@code leave}. */
    record Leaved(String room) implements Server {
        public String type() {
            return "leaved";
        }
    }

    /** To the others when someone leaves or disconnects. */
    record Bye(String room, String id, int userNum) implements Server {
        public String type() {
            return "bye";
        }
    }

    /** Relayed data, or the server's side of the negotiation ({@code from} = {@code "sfu"}). */
    record Relayed(String room, String from, ObjectNode data) implements Server {
        public String type() {
            return "message";
        }
    }

    /**
     * In an {@code sfu} room: the dominant (active) speaker is now participant {@code id}, or
     * nobody ({@code id} null: the speaker left and nobody has taken over yet).
     */
    record Speaker(String room, String id) implements Server {
        public String type() {
            return "speaker";
        }
    }

    /** Bad input or a refused request; {@code ref} is the offending message's type or null. */
    record ErrorMessage(String code, String message, String ref) implements Server {
        public String type() {
            return "error";
        }
    }
}
