package io.junction.bench.load;

import io.junction.client.RoomPeer;
import io.junction.client.SfuParticipantClient;
import io.junction.dtls.DtlsCertificate;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executor;

/** Participants of a Junction server, spawned ({@link ServerProcess}) or already running. */
final class JunctionPeers implements Peers {
    private final ServerProcess spawned;
    private final URI uri;
    private final long pid;
    private final DtlsCertificate certificate;
    private final Executor handshakes;

    JunctionPeers(BenchConfig cfg, DtlsCertificate certificate, Executor handshakes) throws Exception {
        this.certificate = certificate;
        this.handshakes = handshakes;
        if (cfg.spawnJar() != null) {
            spawned = ServerProcess.start(cfg.spawnJar(), cfg.serverCpus(),
                    ServerProcess.jvmArgs(System.getenv(ServerProcess.JVM_ENV)),
                    Duration.ofSeconds(90)); // a JVM start on a shared, busy core can take long
            uri = spawned.signalingUri();
            pid = spawned.pid();
        } else {
            spawned = null;
            uri = cfg.server();
            pid = cfg.serverPid();
        }
    }

    @Override
    public void openRoom(String room, int publishers) {
        // Junction creates a room with its first join
    }

    @Override
    public RoomPeer publisher(String room, String name) {
        return new SfuParticipantClient(uri, room, name, true, certificate, handshakes);
    }

    @Override
    public RoomPeer subscriber(String room, String name) {
        return new SfuParticipantClient(uri, room, name, false, certificate, handshakes);
    }

    @Override
    public long serverPid() {
        return pid;
    }

    @Override
    public boolean spawned() {
        return spawned != null;
    }

    @Override
    public void close() {
        if (spawned != null) {
            spawned.close();
        }
    }
}
