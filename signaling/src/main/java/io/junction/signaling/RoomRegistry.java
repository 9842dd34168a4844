package io.junction.signaling;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The rooms of one server instance. A room is created by its first {@code join} (settings from
 * the {@link RoomPolicy}) and removed when its last participant leaves. Every membership change
 * and every fan-out happens under one lock, so each participant sees joins, leaves and relayed
 * data in one consistent order; the lock is held only for map updates, non-blocking
 * {@link Outbox#send} calls and, per join, one HMAC-SHA1 when TURN credentials are minted.
 *
 * <p>With a {@link RoomFederation} ({@link #federate}) a room also lists participants of other
 * servers ("remote" participants, injected with {@link #remoteJoin} / {@link #remoteLeave} /
 * {@link #remoteRelay}): they appear in {@code peers}, {@code otherjoin}, {@code bye}, count in
 * {@code userNum} and against the capacity, and can be the {@code to} of a relayed message.
 */
public final class RoomRegistry {
    private final Object lock = new Object();
    private final Map<String, Room> rooms = new HashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final RoomPolicy policy;
    private final SignalCodec codec;
    private final JoinIceServers iceServers;
    private final int maxRooms;
    /** Participants on other servers, per room: id to display name, in join order. */
    private final Map<String, Map<String, String>> remote = new HashMap<>();
    private volatile RoomFederation federation = RoomFederation.NONE;
    private volatile boolean closed;

    RoomRegistry(RoomPolicy policy, SignalCodec codec, JoinIceServers iceServers, int maxRooms) {
        this.maxRooms = maxRooms;
        this.policy = policy;
        this.codec = codec;
        this.iceServers = iceServers;
    }

    /**
     * The outcome of a join: the new participant and its room's mode; or a null participant when the
     * room was full (then {@code full} was queued) or {@code refusal} is set (then nothing was queued).
     */
    record JoinResult(Participant participant, RoomMode mode, RuntimeException refusal) {
        JoinResult(Participant participant, RoomMode mode) {
            this(participant, mode, null);
        }
    }

    /** Admission of one more participant to a room of a mode: null = admitted, else why not. */
    @FunctionalInterface
    interface Admission {
        RuntimeException refusal(RoomMode mode);
    }

    /**
     * Where a join to {@code roomName} should go instead of this server (a cluster's placement
     * policy), or null to take it here: always null for a room that already has local participants.
     * May block briefly (bounded); call outside any lock, before {@link #join}.
     */
    RoomFederation.Redirect placement(String roomName) {
        RoomFederation fed = federation;
        return fed == RoomFederation.NONE || localSize(roomName) > 0 ? null : fed.redirect(roomName);
    }

    JoinResult join(String roomName, String displayName, Outbox outbox) {
        return join(roomName, displayName, outbox, mode -> null);
    }

    /**
     * Adds a participant to {@code room} (creating it), queues {@code joined} to it and
     * {@code otherjoin} to the others; or queues {@code full} and returns a null participant (when
     * the room is at capacity, or when it does not exist and the server already has
     * {@code maxRooms} rooms). {@code admission} is asked last, with the room's mode, before anything
     * changes; its refusal is returned and nothing is queued.
     */
    JoinResult join(String roomName, String displayName, Outbox outbox, Admission admission) {
        RoomFederation fed = federation;
        if (fed != RoomFederation.NONE && localSize(roomName) == 0) {
            fed.prepare(roomName);
        }
        synchronized (lock) {
            Room room = rooms.get(roomName);
            if (room == null && rooms.size() >= maxRooms) {
                outbox.send(codec.encode(new SignalMessage.Full(roomName, 0,
                        "the server's room limit (" + maxRooms + " rooms) is reached")));
                return new JoinResult(null, null);
            }
            RoomSettings settings = room != null ? room.settings() : policy.settingsFor(roomName);
            if (room == null || !isFull(room)) {
                RuntimeException refused = admission.refusal(settings.mode());
                if (refused != null) {
                    return new JoinResult(null, settings.mode(), refused);
                }
            }
            if (room == null) {
                room = new Room(roomName, settings);
                rooms.put(roomName, room);
            }
            if (isFull(room)) {
                outbox.send(codec.encode(new SignalMessage.Full(roomName, total(room))));
                return new JoinResult(null, room.settings().mode());
            }
            List<SignalMessage.Peer> peers = new ArrayList<>(total(room));
            for (Participant p : room.members()) {
                peers.add(new SignalMessage.Peer(p.id(), p.name()));
            }
            remote.getOrDefault(roomName, Map.of()).forEach((id, name) -> peers.add(new SignalMessage.Peer(id, name)));
            Participant self = new Participant(federation.idPrefix() + "p" + nextId.getAndIncrement(), displayName,
                    roomName, outbox);
            room.add(self);
            federation.joined(roomName, self.id(), displayName);
            int userNum = total(room);
            outbox.send(codec.encode(new SignalMessage.Joined(
                    roomName, self.id(), userNum, peers, room.settings().mode(), iceServers.forParticipant(self.id()))));
            String otherJoin = codec.encode(new SignalMessage.OtherJoin(roomName, self.id(), displayName, userNum));
            for (Participant p : room.members()) {
                if (p != self) {
                    p.outbox().send(otherJoin);
                }
            }
            return new JoinResult(self, room.settings().mode());
        }
    }

    /** Removes a participant, queues {@code bye} to the others and drops the room when empty. */
    void leave(Participant self) {
        synchronized (lock) {
            Room room = rooms.get(self.room());
            if (room == null || !room.remove(self)) {
                return;
            }
            federation.left(room.name(), self.id());
            if (room.size() == 0) {
                rooms.remove(room.name());
                return;
            }
            String bye = codec.encode(new SignalMessage.Bye(room.name(), self.id(), total(room)));
            for (Participant p : room.members()) {
                p.outbox().send(bye);
            }
        }
    }

    /**
     * Relays {@code data} from {@code self} to {@code to}, or to every other participant when
     * {@code to} is null. Returns false (sending nothing) when {@code to} is not another
     * participant of the room.
     */
    boolean relay(Participant self, String to, ObjectNode data) {
        synchronized (lock) {
            Room room = rooms.get(self.room());
            if (room == null) {
                return false;
            }
            if (to != null && room.get(to) == null) {
                if (!remote.getOrDefault(room.name(), Map.of()).containsKey(to)) {
                    return false;
                }
                federation.relayed(room.name(), self.id(), to, data);
                return true;
            }
            String frame = codec.encode(new SignalMessage.Relayed(room.name(), self.id(), data));
            if (to != null) {
                Participant target = room.get(to);
                if (target == self) {
                    return false;
                }
                target.outbox().send(frame);
                return true;
            }
            for (Participant p : room.members()) {
                if (p != self) {
                    p.outbox().send(frame);
                }
            }
            if (remote.containsKey(room.name())) {
                federation.relayed(room.name(), self.id(), null, data);
            }
            return true;
        }
    }

    /**
     * Stops admitting joins and queues {@code bye} to every participant of every room, with the
     * participant's own id and {@code userNum} 0 (the server ended the session). Returns their
     * outboxes, so the caller can wait for the frames to leave and close the sockets.
     */
    List<Outbox> closeAll() {
        synchronized (lock) {
            closed = true;
            List<Outbox> out = new ArrayList<>();
            for (Room room : rooms.values()) {
                for (Participant p : room.members()) {
                    p.outbox().send(codec.encode(new SignalMessage.Bye(room.name(), p.id(), 0)));
                    out.add(p.outbox());
                    federation.left(room.name(), p.id());
                }
            }
            return out;
        }
    }

    /** Whether {@code id} is a participant of {@code room} now. */
    boolean isMember(String room, String id) {
        synchronized (lock) {
            Room r = rooms.get(room);
            return r != null && r.get(id) != null;
        }
    }

    /** True once {@link #closeAll()} ran. */
    boolean isClosed() {
        return closed;
    }

    /** The names of the rooms that have participants, with their participant counts. */
    public java.util.Map<String, Integer> roomSizes() {
        synchronized (lock) {
            java.util.Map<String, Integer> out = new java.util.TreeMap<>();
            rooms.forEach((name, r) -> out.put(name, r.size()));
            return out;
        }
    }

    /** The mode of {@code room}, empty when it does not exist. */
    public java.util.Optional<RoomMode> roomMode(String room) {
        synchronized (lock) {
            Room r = rooms.get(room);
            return r == null ? java.util.Optional.empty() : java.util.Optional.of(r.settings().mode());
        }
    }

    /** The number of rooms that have participants. */
    public int roomCount() {
        synchronized (lock) {
            return rooms.size();
        }
    }

    /** The number of participants in {@code room}, empty when the room does not exist. */
    public OptionalInt roomSize(String room) {
        synchronized (lock) {
            Room r = rooms.get(room);
            return r == null ? OptionalInt.empty() : OptionalInt.of(r.size());
        }
    }

    /** A participant as the signaling layer knows it (for monitoring). */
    public record Member(String id, String name) {
    }

    /** The participants of {@code room} in join order; empty when the room does not exist. */
    public java.util.List<Member> members(String room) {
        synchronized (lock) {
            Room r = rooms.get(room);
            if (r == null) {
                return java.util.List.of();
            }
            return r.members().stream().map(p -> new Member(p.id(), p.name())).toList();
        }
    }

    /** Participants in all rooms of {@code mode}. */
    public int participantCount(RoomMode mode) {
        synchronized (lock) {
            int n = 0;
            for (Room r : rooms.values()) {
                if (r.settings().mode() == mode) {
                    n += r.size();
                }
            }
            return n;
        }
    }

    /** Installs the federation of a clustered server; call before the first join. */
    public void federate(RoomFederation federation) {
        this.federation = java.util.Objects.requireNonNull(federation, "federation");
    }

    private int total(Room room) {
        return room.size() + remote.getOrDefault(room.name(), Map.of()).size();
    }

    private boolean isFull(Room room) {
        return total(room) >= room.settings().capacity();
    }

    /** Participants of {@code room} on this server. */
    public int localSize(String room) {
        synchronized (lock) {
            Room r = rooms.get(room);
            return r == null ? 0 : r.size();
        }
    }

    /** This server's participants of every room: room name to (id to display name), in join order. */
    public Map<String, Map<String, String>> localMembers() {
        synchronized (lock) {
            Map<String, Map<String, String>> out = new java.util.TreeMap<>();
            rooms.forEach((name, r) -> {
                Map<String, String> m = new java.util.LinkedHashMap<>();
                r.members().forEach(p -> m.put(p.id(), p.name()));
                out.put(name, m);
            });
            return out;
        }
    }

    /** The participants of {@code room} on other servers known here: id to display name. */
    public Map<String, String> remoteMembers(String room) {
        synchronized (lock) {
            return Map.copyOf(remote.getOrDefault(room, Map.of()));
        }
    }

    /**
     * A participant of another server is in {@code room}: remembered, and {@code otherjoin} goes
     * to the local participants. Idempotent: a known id changes nothing. Returns whether it was new.
     */
    public boolean remoteJoin(String room, String id, String name) {
        synchronized (lock) {
            Room local = rooms.get(room);
            if (local != null && local.get(id) != null) {
                return false;
            }
            Map<String, String> members = remote.computeIfAbsent(room, r -> new java.util.LinkedHashMap<>());
            if (members.putIfAbsent(id, name) != null) {
                return false;
            }
            if (local != null) {
                String frame = codec.encode(new SignalMessage.OtherJoin(room, id, name, total(local)));
                local.members().forEach(p -> p.outbox().send(frame));
            }
            return true;
        }
    }

    /** A participant of another server left {@code room}: {@code bye} to the local ones. Idempotent. */
    public boolean remoteLeave(String room, String id) {
        synchronized (lock) {
            Map<String, String> members = remote.get(room);
            if (members == null || members.remove(id) == null) {
                return false;
            }
            if (members.isEmpty()) {
                remote.remove(room);
            }
            Room local = rooms.get(room);
            if (local != null) {
                String frame = codec.encode(new SignalMessage.Bye(room, id, total(local)));
                local.members().forEach(p -> p.outbox().send(frame));
            }
            return true;
        }
    }

    /**
     * Data relayed by {@code from}, a participant of another server, to the local participant
     * {@code to}, or to every local participant ({@code to} null). Returns false (nothing sent)
     * when {@code from} is not known here or {@code to} is not a local participant.
     */
    public boolean remoteRelay(String room, String from, String to, ObjectNode data) {
        synchronized (lock) {
            Room local = rooms.get(room);
            if (local == null || !remote.getOrDefault(room, Map.of()).containsKey(from)) {
                return false;
            }
            String frame = codec.encode(new SignalMessage.Relayed(room, from, data));
            if (to != null) {
                Participant target = local.get(to);
                if (target == null) {
                    return false;
                }
                target.outbox().send(frame);
                return true;
            }
            local.members().forEach(p -> p.outbox().send(frame));
            return true;
        }
    }

    /**
     * Forgets the remote participants of {@code room} without telling anyone, when it has no local
     * participant (the federation stops following it). Returns false, changing nothing, when a
     * local participant is (again) in the room.
     */
    public boolean remoteForgetIfNoLocal(String room) {
        synchronized (lock) {
            if (rooms.containsKey(room)) {
                return false;
            }
            remote.remove(room);
            return true;
        }
    }
}
