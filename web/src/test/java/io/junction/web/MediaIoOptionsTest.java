package io.junction.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.junction.ice.MediaIoBackend;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** --media-io and --io-threads: defaults, every source, bad values naming the option. */
class MediaIoOptionsTest {
    private static JunctionMain parsed(Map<String, String> env, String... args) {
        CommandLine cl = JunctionMain.commandLine(env, args);
        cl.parseArgs(args);
        JunctionMain m = (JunctionMain) cl.getCommand();
        m.options(); // validates
        return m;
    }

    @Test
    void defaultsAndSources() {
        JunctionMain d = parsed(Map.of());
        assertEquals(MediaIoBackend.AUTO, d.mediaIoBackend());
        assertEquals(1, d.ioThreads);
        JunctionMain cli = parsed(Map.of(), "--media-io", "NIO", "--io-threads", "2");
        assertEquals(MediaIoBackend.NIO, cli.mediaIoBackend());
        assertEquals(2, cli.ioThreads);
        JunctionMain env = parsed(Map.of("JUNCTION_MEDIA_IO", "epoll", "JUNCTION_IO_THREADS", "4"));
        assertEquals(MediaIoBackend.EPOLL, env.mediaIoBackend());
        assertEquals(4, env.ioThreads);
    }

    @Test
    void badValuesNameTheOption() {
        record Row(String[] args, String says) {
        }
        for (Row row : List.of(new Row(new String[] {"--media-io", "iouring"}, "--media-io must be auto, nio or epoll"),
                new Row(new String[] {"--io-threads", "0"}, "--io-threads must be in 1..64"),
                new Row(new String[] {"--io-threads", "65"}, "--io-threads must be in 1..64"))) {
            String m = assertThrows(CommandLine.ParameterException.class, () -> JunctionMain.parse(row.args()))
                    .getMessage();
            assertTrue(m.contains(row.says()), m);
        }
    }
}
