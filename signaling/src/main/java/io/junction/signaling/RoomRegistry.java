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
 * data in one consistent order; the lock is held only for map updates and non-blocking
 * {@link Outbox#send} calls.
 */
public final class RoomRegistry {
    private final Object lock = new Object();
    private final Map<String, Room> rooms = new HashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final RoomPolicy policy;
    private final SignalCodec codec;
    private final List<SignalMessage.IceServer> iceServers;
    private final int maxRooms;
    private volatile boolean closed;

    RoomRegistry(RoomPolicy policy, SignalCodec codec, List<SignalMessage.IceServer> iceServers, int maxRooms) {
        this.maxRooms = maxRooms;
        this.policy = policy;
        this.codec = codec;
        this.iceServers = List.copyOf(iceServers);
    }

    /** The outcome of a join: the new participant and its room's mode, or null participant when full. */
    record JoinResult(Participant participant, RoomMode mode) {
    }

    /**
     * Adds a participant to {@code room} (creating it), queues {@code joined} to it and
     * {@code otherjoin} to the others; or queues {@code full} and returns a null participant (when
     * the room is at capacity, or when it does not exist and the server already has
     * {@code maxRooms} rooms).
     */
    JoinResult join(String roomName, String displayName, Outbox outbox) {
        synchronized (lock) {
            Room room = rooms.get(roomName);
            if (room == null && rooms.size() >= maxRooms) {
                outbox.send(codec.encode(new SignalMessage.Full(roomName, 0,
                        "the server's room limit (" + maxRooms + " rooms) is reached")));
                return new JoinResult(null, null);
            }
            if (room == null) {
                room = new Room(roomName, policy.settingsFor(roomName));
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
                    roomName, self.id(), userNum, peers, room.settings().mode(), iceServers)));
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
}
