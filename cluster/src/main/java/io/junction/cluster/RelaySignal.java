package io.junction.cluster;

import java.util.Objects;

/**
 * One message of a relay link's negotiation, published on the receiving node's channel
 * {@code junction:node:<to>:relay}. The sending node of a room's media ({@code from} for
 * {@link Kind#OFFER}) offers, the receiving node answers; either side may close the link.
 *
 * @param kind what it is
 * @param room the room whose media the link carries
 * @param from the node publishing this message
 * @param to   the node it is for
 * @param link the link's id (unique per sending node and attempt; the sending node's relay
 *             participant id in the room)
 * @param sdp  the offer or answer ({@link Kind#OFFER}, {@link Kind#ANSWER}), else null
 */
public record RelaySignal(Kind kind, String room, String from, String to, String link, String sdp) {
    /** Message kinds, by their wire names. */
    public enum Kind {
        OFFER("offer"), ANSWER("answer"), CLOSE("close");

        final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        static Kind fromWire(String s) {
            for (Kind k : values()) {
                if (k.wire.equals(s)) {
                    return k;
                }
            }
            return null;
        }
    }

    public RelaySignal {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(link, "link");
        if (kind != Kind.CLOSE) {
            Objects.requireNonNull(sdp, "sdp");
        }
    }
}
