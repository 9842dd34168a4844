package io.junction.signaling;

/**
 * A connection's membership of one room: its server-chosen id, display name and outbox.
 * Immutable; the registry's lock guards which room lists it.
 */
final class Participant {
    private final String id;
    private final String name;
    private final String room;
    private final Outbox outbox;

    Participant(String id, String name, String room, Outbox outbox) {
        this.id = id;
        this.name = name;
        this.room = room;
        this.outbox = outbox;
    }

    String id() {
        return id;
    }

    String name() {
        return name;
    }

    String room() {
        return room;
    }

    Outbox outbox() {
        return outbox;
    }
}
