package io.junction.signaling.socketio;

/**
 * The three signaling dialects of the classic socket.io room servers (docs/PROTOCOL.md "socket.io
 * front"). A connection's dialect is fixed by its first join-like event: {@code join} with a
 * string is {@link #POSITIONAL}, {@code join} with an object is {@link #OBJECT},
 * {@code create or join} is {@link #CODELAB}.
 */
public enum ClassicDialect {
    /** {@code join(room)}, {@code joined(room, id)}, {@code message(room, data)}, ... */
    POSITIONAL("positional"),
    /** {@code join({roomId})}, {@code joined({roomId, userNum})}, {@code message({roomId, data})}, ... */
    OBJECT("object"),
    /** The WebRTC codelab: {@code create or join(room)}, {@code created}/{@code joined}, {@code message(msg)}. */
    CODELAB("codelab");

    private final String label;

    ClassicDialect(String label) {
        this.label = label;
    }

    /** The name used in error messages and docs. */
    public String label() {
        return label;
    }
}
