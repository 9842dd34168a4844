package io.junction.examples;

import io.junction.server.DataApi;
import io.junction.server.Junction;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An application that is a data participant of a room (docs/PROTOCOL.md, "Data channels"): it
 * listens on the room's {@code chat} channel as {@code bot}; a participant who sends
 * {@code !upper <text>} gets {@code <TEXT>} back, to them only; a binary message gets its length
 * back. Everyone else in the room sees the command (room-wide chat) but not the answer.
 */
public final class DataBot implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DataBot.class);
    /** The bot's participant id as the room's participants see it in {@code from}. */
    public static final String ID = "bot";
    public static final String LABEL = "chat";

    private final Junction junction;
    private final String room;

    private DataBot(Junction junction, String room) {
        this.junction = junction;
        this.room = room;
    }

    /** Makes the bot a data member of {@code room} (now and whenever the room has participants). */
    public static DataBot attach(Junction junction, String room) {
        DataBot bot = new DataBot(junction, room);
        // tag::data[]
        DataApi data = junction.data();
        data.attach(room, ID, m -> {
            if (!LABEL.equals(m.label())) {
                return;
            }
            if (m.isText() && m.text().startsWith("!upper ")) {
                String answer = m.text().substring(7).toUpperCase(Locale.ROOT);
                data.send(m.room(), ID, LABEL, List.of(m.from()), answer)
                        .exceptionally(e -> {
                            LOG.info("bot: no answer to {}: {}", m.from(), e.toString());
                            return 0;
                        });
            } else if (!m.isText()) {
                data.send(m.room(), ID, LABEL, List.of(m.from()), m.binary().length + " bytes");
            }
        });
        // end::data[]
        return bot;
    }

    /** Ends the bot's membership. */
    @Override
    public void close() {
        junction.data().detach(room, ID);
    }
}
