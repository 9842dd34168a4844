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
 */
public final class RoomRegistry {
    private final Object lock = new Object();
    private final Map<String, Room> rooms = new HashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final RoomPolicy policy;
    private final SignalCodec codec;
    private final JoinIceServers iceServers;
    private final int maxRooms;
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
        synchronized (lock) {
            Room room = rooms.get(roomName);
            if (room == null && rooms.size() >= maxRooms) {
                outbox.send(codec.encode(new SignalMessage.Full(roomName, 0,
                        "the server's room limit (" + maxRooms + " rooms) is reached")));
                return new JoinResult(null, null);
            }
            RoomSettings settings = room != null ? room.settings() : policy.settingsFor(roomName);
            if (room == null || !room.isFull()) {
                RuntimeException refused = admission.refusal(settings.mode());
                if (refused != null) {
                    return new JoinResult(null, settings.mode(), refused);
                }
            }
            if (room == null) {
                room = new Room(roomName, settings);
                rooms.put(roomName, room);
            }
            if (room.isFull()) {
                outbox.send(codec.encode(new SignalMessage.Full(roomName, room.size())));
                return new JoinResult(null, room.settings().mode());
            }
            List<SignalMessage.Peer> peers = new ArrayList<>(room.size());
            for (Participant p : room.members()) {
                peers.add(new SignalMessage.Peer(p.id(), p.name()));
            }
            Participant self = new Participant("p" + nextId.getAndIncrement(), displayName, roomName, outbox);
            room.add(self);
            int userNum = room.size();
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
            if (room.size() == 0) {
                rooms.remove(room.name());
                return;
            }
            String bye = codec.encode(new SignalMessage.Bye(room.name(), self.id(), room.size()));
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
            String frame = codec.encode(new SignalMessage.Relayed(room.name(), self.id(), data));
            if (to != null) {
                Participant target = room.get(to);
                if (target == null || target == self) {
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
}
