package io.junction.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.junction.sfu.signal.TrackSelection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Table test of the pure track choice (publisher/kind encoded as "publisher:kind:n"). */
class TrackSelectionTest {
    private static final List<String> ROOM = List.of("a:audio:1", "a:video:1", "b:audio:1", "b:video:1",
            "me:audio:1", "me:video:1", "c:audio:1");

    private static List<String> select(TrackSelection s, List<String> published, String self) {
        return s.select(published, t -> t.split(":")[0], t -> t.split(":")[1], self);
    }

    @Test
    void table() {
        record Row(TrackSelection selection, List<String> published, List<String> expected) {
        }
        List<Row> rows = List.of(
                new Row(TrackSelection.ALL, ROOM,
                        List.of("a:audio:1", "a:video:1", "b:audio:1", "b:video:1", "c:audio:1")),
                new Row(new TrackSelection.Publisher("b"), ROOM, List.of("b:audio:1", "b:video:1")),
                new Row(new TrackSelection.Publisher("me"), ROOM, List.of()),
                new Row(new TrackSelection.Publisher("zz"), ROOM, List.of()),
                // the latest video of someone else (b's, since "me" is excluded), every other audio
                new Row(TrackSelection.LATEST_VIDEO_AND_ALL_AUDIO, ROOM,
                        List.of("a:audio:1", "b:audio:1", "b:video:1", "c:audio:1")),
                new Row(TrackSelection.LATEST_VIDEO_AND_ALL_AUDIO, List.of("a:video:1", "a:video:2"),
                        List.of("a:video:2")),
                new Row(TrackSelection.LATEST_VIDEO_AND_ALL_AUDIO, List.of("a:audio:1"), List.of("a:audio:1")),
                new Row(TrackSelection.LATEST_VIDEO_AND_ALL_AUDIO, List.of(), List.of()));
        for (Row r : rows) {
            assertEquals(r.expected(), select(r.selection(), r.published(), "me"), r.toString());
        }
    }
}
