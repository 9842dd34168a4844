package io.junction.bench.load;

import io.junction.client.RoomPeer;

/**
 * Where the bench's participants connect: Junction ({@link JunctionPeers}) or a server it is compared with
 * side by side. Rooms are opened before their participants join; every peer is closed by the bench.
 */
public interface Peers extends AutoCloseable {
    /** Prepares room {@code room} for {@code publishers} publishers (a server that needs rooms created). */
    void openRoom(String room, int publishers) throws Exception;

    /** A participant publishing one audio and one video track in {@code room}. */
    RoomPeer publisher(String room, String name) throws Exception;

    /** A participant receiving every publisher already in {@code room}. */
    RoomPeer subscriber(String room, String name) throws Exception;

    /** PID of the server process to sample (CPU, RSS, threads), or -1. */
    long serverPid();

    /** True when the bench started the server itself. */
    boolean spawned();

    @Override
    void close();
}
