package io.junction.signaling.socketio;

/**
 * The front's check of Engine.IO v4 packets before the library decodes them (the library throws
 * on some malformed ones). A packet is its type digit and its data (Engine.IO protocol v4,
 * "Packet encoding"); a long-polling body is packets joined by the record separator U+001E
 * ("Payload encoding"). Classic clients send only text: binary packets ({@code b} + base64 on
 * polling) are refused. Pure.
 */
final class EngineIoPackets {
    /** The Engine.IO v4 payload separator. */
    static final char SEPARATOR = '\u001e';

    private EngineIoPackets() {
    }

    /** Null when {@code packet} is one well-formed text packet a client may send, else why not. */
    static String problem(String packet) {
        if (packet.isEmpty()) {
            return "empty Engine.IO packet";
        }
        char type = packet.charAt(0);
        if (type == 'b') {
            return "binary Engine.IO packets are not used by this server";
        }
        // 1 close, 2 ping, 3 pong, 4 message, 5 upgrade, 6 noop; 0 (open) is the server's.
        if (type < '1' || type > '6') {
            return "unknown Engine.IO packet type '" + (Character.isISOControl(type) ? "\\u" + (int) type : type) + "'";
        }
        if (type == '4' && packet.length() == 1) {
            return "empty socket.io packet";
        }
        return null;
    }

    /** Null when a long-polling body is one or more well-formed packets, else why not. */
    static String payloadProblem(String payload) {
        int start = 0;
        while (true) {
            int end = payload.indexOf(SEPARATOR, start);
            String p = problem(payload.substring(start, end < 0 ? payload.length() : end));
            if (p != null) {
                return p;
            }
            if (end < 0) {
                return null;
            }
            start = end + 1;
        }
    }
}
