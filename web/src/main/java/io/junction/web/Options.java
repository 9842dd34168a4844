package io.junction.web;

import io.junction.signaling.RoomMode;
import java.util.List;
import java.util.Objects;

/**
 * The runnable server's settings, validated at construction (a bad value throws naming the
 * option and its allowed range).
 *
 * @param port        HTTP/WebSocket port, 0..65535 (0 = ephemeral)
 * @param mediaPort   UDP media port shared by all participants, 0..65535 (0 = ephemeral)
 * @param announce    addresses put in the server's ICE candidates (may be empty: the engine picks)
 * @param defaultMode mode of new rooms
 */
public record Options(int port, int mediaPort, List<String> announce, RoomMode defaultMode) {
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_MEDIA_PORT = 10000;

    public Options {
        checkPort("--port", port);
        checkPort("--media-port", mediaPort);
        announce = List.copyOf(Objects.requireNonNull(announce, "announce"));
        for (String a : announce) {
            if (a.isBlank()) {
                throw new IllegalArgumentException("--announce must be a non-empty address");
            }
        }
        Objects.requireNonNull(defaultMode, "defaultMode");
    }

    /** Port 8080, media port 10000, no announced address, sfu rooms. */
    public static Options defaults() {
        return new Options(DEFAULT_PORT, DEFAULT_MEDIA_PORT, List.of(), RoomMode.SFU);
    }

    private static void checkPort(String name, int value) {
        if (value < 0 || value > 65535) {
            throw new IllegalArgumentException(name + " must be in 0..65535 (got " + value + ")");
        }
    }
}
