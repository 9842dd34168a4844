package io.junction.bench.janus;

import io.junction.bench.load.Peers;
import io.junction.client.RoomPeer;
import io.junction.dtls.DtlsCertificate;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Participants of a Janus VideoRoom (spawned {@link JanusProcess} or a running Janus): one API session
 * for the whole run, a numeric VideoRoom per bench room, subscribers of every publisher in their room.
 */
public final class JanusPeers implements Peers {
    private final JanusTarget target;
    private final JanusProcess spawned;
    private final JanusApi api;
    private final DtlsCertificate certificate;
    private final Executor handshakes;
    private final AtomicLong nextRoom = new AtomicLong(1000);
    private final Map<String, Long> roomIds = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> feeds = new ConcurrentHashMap<>();

    public JanusPeers(JanusTarget target, String serverCpus, DtlsCertificate certificate, Executor handshakes)
            throws IOException, InterruptedException {
        this.target = target;
        this.certificate = certificate;
        this.handshakes = handshakes;
        this.spawned = target.api() == null
                ? JanusProcess.start(target.binary(), serverCpus, target.iface(), target.eventLoops(), Duration.ofSeconds(30))
                : null;
        try {
            this.api = JanusApi.connect(spawned != null ? spawned.apiUri() : target.api());
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (spawned != null) {
                spawned.close();
            }
            throw e;
        }
    }

    @Override
    public void openRoom(String room, int publishers) throws IOException, InterruptedException {
        long id = nextRoom.getAndIncrement();
        JanusPeer.createRoom(api, id, Math.max(publishers, 1));
        roomIds.put(room, id);
        feeds.put(room, new CopyOnWriteArrayList<>());
    }

    @Override
    public RoomPeer publisher(String room, String name) throws IOException, InterruptedException {
        JanusPeer p = JanusPeer.publisher(api, roomId(room), name, target.clientAddress(), certificate, handshakes);
        feeds.get(room).add(p.feed());
        return p;
    }

    @Override
    public RoomPeer subscriber(String room, String name) throws IOException, InterruptedException {
        List<Long> of = feeds.get(room);
        if (of == null || of.isEmpty()) {
            throw new IOException("room " + room + " has no publisher to subscribe to");
        }
        return JanusPeer.subscriber(api, roomId(room), of, target.clientAddress(), certificate, handshakes);
    }

    private long roomId(String room) throws IOException {
        Long id = roomIds.get(room);
        if (id == null) {
            throw new IOException("room " + room + " was not opened");
        }
        return id;
    }

    @Override
    public long serverPid() {
        return spawned != null ? spawned.pid() : -1;
    }

    @Override
    public boolean spawned() {
        return spawned != null;
    }

    @Override
    public void close() {
        api.close();
        if (spawned != null) {
            spawned.close();
        }
    }
}
