package io.junction.signaling.socketio;

import java.util.List;
import org.json.JSONObject;

/**
 * Turns one server frame of PROTOCOL.md into the socket.io events a classic client of a dialect
 * expects (the table in docs/PROTOCOL.md "socket.io front"). Keeps what the translation needs:
 * the connection's participant id and room, taken from {@code joined} and cleared by
 * {@code leaved} or a {@code bye} naming itself. Calls are serialized by this object's lock.
 */
final class ClassicOutbound {
    /** One socket.io event: its name and arguments (String, Number, JSONObject or null). */
    record Emit(String event, List<Object> args) {
        Emit(String event, Object... args) {
            this(event, java.util.Arrays.asList(args));
        }
    }

    /**
     * The peer id under which a classic client in an {@code sfu} room sees the server (its single
     * peer): the {@code from} of the server's negotiation messages on {@code /ws}.
     */
    static final String SERVER_PEER = "sfu";
    /** The codelab's readiness message, which its initiator waits for from the other side. */
    static final String GOT_USER_MEDIA = "got user media";

    private final String socketId;
    private ClassicDialect dialect;
    /** In an sfu room: the client sees only the server as a peer (SERVER_PEER). */
    private boolean sfu;
    private String selfId;
    private String room;

    /** @param socketId the socket.io id of the connection (used where the classic servers send it) */
    ClassicOutbound(String socketId) {
        this.socketId = socketId;
    }

    synchronized void dialect(ClassicDialect d) {
        dialect = d;
    }

    synchronized ClassicDialect dialect() {
        return dialect;
    }

    /** The room the connection is in, or null. */
    synchronized String room() {
        return room;
    }

    /** The events for one server frame (which this server produced, so it is well-formed JSON). */
    synchronized List<Emit> translate(String text) {
        JSONObject f = new JSONObject(text);
        String type = f.getString("type");
        if ("error".equals(type)) {
            JSONObject e = new JSONObject().put("code", f.getString("code")).put("message", f.optString("message"));
            e.put("ref", f.isNull("ref") ? JSONObject.NULL : f.get("ref"));
            return List.of(new Emit("error", e));
        }
        if (dialect == null) {
            return List.of();
        }
        String r = f.optString("room");
        switch (type) {
            case "joined":
                selfId = f.getString("id");
                room = r;
                sfu = "sfu".equals(f.optString("mode"));
                if (sfu) {
                    // The server is the client's single peer: the client hears of it as the one other
                    // member right away, and offers (PROTOCOL.md "Classic clients in sfu rooms"). The
                    // codelab's initiator starts once the other side said 'got user media' as well.
                    return dialect == ClassicDialect.CODELAB
                            ? List.of(joined(r, 1), otherJoin(r, SERVER_PEER), message(r, GOT_USER_MEDIA))
                            : List.of(joined(r, 1), otherJoin(r, SERVER_PEER));
                }
                return List.of(joined(r, f.getInt("userNum")));
            case "otherjoin":
                return sfu ? List.of() : List.of(otherJoin(r, f.getString("id")));
            case "full":
                return List.of(full(r, f.getInt("userNum")));
            case "leaved": {
                String id = selfId;
                selfId = null;
                room = null;
                sfu = false;
                return List.of(leaved(r, id));
            }
            case "bye": {
                String id = f.getString("id");
                boolean self = id.equals(selfId);
                if (self) {
                    selfId = null;
                    room = null;
                }
                if (sfu && !self) {
                    return List.of(); // the other members are not the client's peers
                }
                sfu = sfu && !self;
                return List.of(bye(r, id));
            }
            case "message":
                if (sfu && !SERVER_PEER.equals(f.optString("from"))) {
                    return List.of(); // only the server's negotiation reaches a classic client in an sfu room
                }
                return List.of(message(r, unwrap(f.getJSONObject("data"))));
            default:
                return List.of();
        }
    }

    private Emit joined(String r, int userNum) {
        switch (dialect) {
            case POSITIONAL:
                return new Emit("joined", r, selfId);
            case OBJECT:
                return new Emit("joined", new JSONObject().put("roomId", r).put("userNum", userNum));
            default:
                return new Emit(userNum <= 1 ? "created" : "joined", r, selfId);
        }
    }

    private Emit otherJoin(String r, String id) {
        switch (dialect) {
            case POSITIONAL:
                return new Emit("otherjoin", r, id);
            case OBJECT:
                return new Emit("otherjoined", new JSONObject().put("roomId", r).put("userId", id));
            default:
                return new Emit("join", r);
        }
    }

    private Emit full(String r, int userNum) {
        switch (dialect) {
            case POSITIONAL:
                return new Emit("full", r, socketId);
            case OBJECT:
                return new Emit("full", new JSONObject().put("roomId", r).put("userNum", userNum));
            default:
                return new Emit("full", r);
        }
    }

    private Emit leaved(String r, String id) {
        switch (dialect) {
            case POSITIONAL:
                return new Emit("leaved", r, id);
            case OBJECT:
                return new Emit("leaved", new JSONObject().put("roomId", r));
            default:
                return new Emit("leaved", r);
        }
    }

    private Emit bye(String r, String id) {
        if (dialect == ClassicDialect.OBJECT) {
            return new Emit("bye", new JSONObject().put("roomId", r).put("userId", id));
        }
        return new Emit("bye", r, id);
    }

    private Emit message(String r, Object data) {
        return dialect == ClassicDialect.POSITIONAL ? new Emit("message", r, data) : new Emit("message", data);
    }

    /** The inverse of {@link ClassicInbound#wrap}: {@code {"type":"classic","value":X}} becomes X. */
    static Object unwrap(JSONObject data) {
        if (data.length() == 2 && ClassicInbound.WRAPPED_TYPE.equals(data.opt("type")) && data.has("value")) {
            Object v = data.get("value");
            return v == JSONObject.NULL ? null : v;
        }
        return data;
    }
}
