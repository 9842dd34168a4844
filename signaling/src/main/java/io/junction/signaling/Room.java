package io.junction.signaling;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** One room's settings and participants in join order. Guarded by the registry's lock. */
final class Room {
    private final String name;
    private final RoomSettings settings;
    private final Map<String, Participant> members = new LinkedHashMap<>();

    Room(String name, RoomSettings settings) {
        this.name = name;
        this.settings = settings;
    }

    String name() {
        return name;
    }

    RoomSettings settings() {
        return settings;
    }

    boolean isFull() {
        return members.size() >= settings.capacity();
    }

    int size() {
        return members.size();
    }

    void add(Participant p) {
        members.put(p.id(), p);
    }

    boolean remove(Participant p) {
        return members.remove(p.id(), p);
    }

    Participant get(String id) {
        return members.get(id);
    }

    Collection<Participant> members() {
        return members.values();
    }
}
