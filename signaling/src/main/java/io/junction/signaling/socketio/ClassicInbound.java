package io.junction.signaling.socketio;

import io.junction.signaling.ErrorCodes;
import org.json.JSONObject;

/**
 * Turns one socket.io event of a classic client into a client frame of PROTOCOL.md (JSON text),
 * or into a rejection with an error code. Pure: the caller passes the connection's dialect so
 * far, its current room and the credentials of its socket.io handshake. The frame then goes
 * through exactly the checks of {@code /ws} (size, rate, room name, authentication).
 */
final class ClassicInbound {
    /** The {@code data.type} under which non-object relay payloads travel to {@code /ws} clients. */
    static final String WRAPPED_TYPE = "classic";

    private ClassicInbound() {
    }

    /**
     * The outcome for one event: {@code frame} to feed to the room engine (with the connection's
     * {@code dialect}, possibly just detected), or {@code code}/{@code message} to report, or
     * neither (an event the classic servers ignore as well).
     */
    record Decision(String frame, ClassicDialect dialect, String code, String message) {
        static Decision frame(ClassicDialect dialect, JSONObject frame) {
            return new Decision(frame.toString(), dialect, null, null);
        }

        static Decision reject(ClassicDialect dialect, String code, String message) {
            return new Decision(null, dialect, code, message);
        }

        static Decision ignore(ClassicDialect dialect) {
            return new Decision(null, dialect, null, null);
        }

        boolean isFrame() {
            return frame != null;
        }

        boolean isRejection() {
            return code != null;
        }
    }

    /** Credentials from the socket.io handshake's {@code auth} object (either may be null). */
    record Credentials(String name, String token) {
        static final Credentials NONE = new Credentials(null, null);
    }

    /**
     * @param dialect the connection's dialect, null before its first join-like event
     * @param room    the room the connection is in (from {@code joined}), or null
     * @param event   the event name
     * @param args    the event's arguments as the socket.io parser gives them (org.json values,
     *                null for JSON null; without an acknowledgement callback)
     */
    static Decision decode(ClassicDialect dialect, String room, String event, Object[] args, Credentials auth) {
        switch (event) {
            case "join":
                return join(dialect, args, auth);
            case "create or join":
                return createOrJoin(dialect, args, auth);
            case "leave":
                return leave(dialect, room, args);
            case "message":
                return message(dialect, room, args);
            case "bye":
            case "ipaddr":
                // the codelab client sends these; its server only logs 'bye' and we do not reveal addresses
                return dialect == ClassicDialect.CODELAB ? Decision.ignore(dialect)
                        : Decision.reject(dialect, ErrorCodes.BAD_MESSAGE, "unknown event '" + event + "'");
            default:
                return Decision.reject(dialect, ErrorCodes.BAD_MESSAGE, "unknown event '" + printable(event) + "'");
        }
    }

    private static Decision join(ClassicDialect dialect, Object[] args, Credentials auth) {
        Object first = args.length > 0 ? args[0] : null;
        ClassicDialect detected;
        String room;
        String name = auth.name();
        String token = auth.token();
        if (first instanceof JSONObject obj) {
            detected = ClassicDialect.OBJECT;
            room = roomValue(obj.opt("roomId"));
            if (room == null) {
                return Decision.reject(dialect, ErrorCodes.BAD_MESSAGE, "join needs {roomId} (a string)");
            }
            if (obj.opt("name") instanceof String n) {
                name = n;
            }
            if (obj.opt("token") instanceof String t) {
                token = t;
            }
        } else {
            detected = ClassicDialect.POSITIONAL;
            room = roomValue(first);
            if (room == null) {
                return Decision.reject(dialect, ErrorCodes.BAD_MESSAGE,
                        "join needs a room name (a string) or {roomId}");
            }
        }
        return joinFrame(dialect, detected, room, name, token);
    }

    private static Decision createOrJoin(ClassicDialect dialect, Object[] args, Credentials auth) {
        String room = roomValue(args.length > 0 ? args[0] : null);
        if (room == null) {
            return Decision.reject(dialect, ErrorCodes.BAD_MESSAGE, "'create or join' needs a room name (a string)");
        }
        return joinFrame(dialect, ClassicDialect.CODELAB, room, auth.name(), auth.token());
    }

    private static Decision joinFrame(ClassicDialect dialect, ClassicDialect detected, String room, String name,
                                      String token) {
        if (dialect != null && dialect != detected) {
            return Decision.reject(dialect, ErrorCodes.BAD_MESSAGE, "this connection speaks the " + dialect.label()
                    + " dialect (set by its first join); this join is in the " + detected.label() + " dialect");
        }
        JSONObject frame = new JSONObject().put("type", "join").put("room", room);
        if (name != null) {
            frame.put("name", name);
        }
        if (token != null) {
            frame.put("token", token);
        }
        return Decision.frame(detected, frame);
    }

    private static Decision leave(ClassicDialect dialect, String room, Object[] args) {
        if (dialect == null) {
            return Decision.reject(null, ErrorCodes.NOT_IN_ROOM, "not in a room");
        }
        Object first = args.length > 0 ? args[0] : null;
        String target;
        if (dialect == ClassicDialect.OBJECT) {
            target = first instanceof JSONObject obj ? roomValue(obj.opt("roomId")) : null;
        } else {
            target = roomValue(first);
        }
        if (target == null && dialect == ClassicDialect.CODELAB) {
            target = room;
        }
        if (target == null) {
            return Decision.reject(dialect, ErrorCodes.BAD_MESSAGE, dialect == ClassicDialect.OBJECT
                    ? "leave needs {roomId}" : "leave needs a room name (a string)");
        }
        return Decision.frame(dialect, new JSONObject().put("type", "leave").put("room", target));
    }

    private static Decision message(ClassicDialect dialect, String room, Object[] args) {
        if (dialect == null || (dialect == ClassicDialect.CODELAB && room == null)) {
            return Decision.reject(dialect, ErrorCodes.NOT_IN_ROOM, "not in a room");
        }
        String target;
        Object data;
        switch (dialect) {
            case POSITIONAL:
                if (args.length < 2) {
                    return Decision.reject(dialect, ErrorCodes.BAD_MESSAGE, "message needs (room, data)");
                }
                target = roomValue(args[0]);
                data = args[1];
                break;
            case OBJECT:
                if (!(args.length > 0 && args[0] instanceof JSONObject obj) || !obj.has("data")) {
                    return Decision.reject(dialect, ErrorCodes.BAD_MESSAGE, "message needs {roomId, data}");
                }
                target = roomValue(obj.opt("roomId"));
                data = obj.get("data");
                break;
            default:
                if (args.length < 1) {
                    return Decision.reject(dialect, ErrorCodes.BAD_MESSAGE, "message needs (msg)");
                }
                target = room;
                data = args[0];
                break;
        }
        if (target == null) {
            return Decision.reject(dialect, ErrorCodes.BAD_MESSAGE, "message needs the room name (a string)");
        }
        return Decision.frame(dialect, new JSONObject().put("type", "message").put("room", target)
                .put("data", wrap(data)));
    }

    /**
     * Relay data as {@code /ws} clients see it: an object with a string {@code type} as it is
     * (offers, answers, candidates), anything else as {@code {"type":"classic","value":…}}.
     */
    static JSONObject wrap(Object data) {
        if (data instanceof JSONObject obj && obj.opt("type") instanceof String) {
            return obj;
        }
        return new JSONObject().put("type", WRAPPED_TYPE).put("value", data == null ? JSONObject.NULL : data);
    }

    /** A room given as a string or an integral number, else null. */
    private static String roomValue(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Integer || value instanceof Long) {
            return value.toString();
        }
        return null;
    }

    /** At most 64 characters of an event name, for error messages. */
    private static String printable(String event) {
        return event.length() <= 64 ? event : event.substring(0, 64) + "...";
    }
}
