package io.junction.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** --ice-servers, --turn-secret and --turn-ttl: every source, validation naming the option, the secret masked. */
class TurnOptionsTest {
    private static final String SECRET = "turn-secret-0123456789-abcdefghijklmnop";

    @Test
    void fromEverySourceInCanonicalForm(@TempDir Path dir) throws Exception {
        Options o = JunctionMain.parse(Map.of("JUNCTION_TURN_SECRET", SECRET),
                "--ice-servers", "stun:127.0.0.1:3478,TURN:127.0.0.1:3478?transport=UDP", "--turn-ttl", "3600");
        assertEquals(List.of("stun:127.0.0.1:3478", "turn:127.0.0.1:3478?transport=udp"), o.iceServers());
        assertEquals(SECRET, o.turnSecret());
        assertEquals(3600, o.turnTtl());
        Path file = dir.resolve("j.properties");
        Files.writeString(file, "ice-servers=turns:turn.example.org:443?transport=tcp\nturn-secret=" + SECRET + "\n");
        Options fromFile = JunctionMain.parse(Map.of("JUNCTION_ICE_SERVERS", "stun:[::1]"), "--config", file.toString());
        assertEquals(List.of("stun:[::1]"), fromFile.iceServers(), "environment beats the file");
        assertEquals(SECRET, fromFile.turnSecret());
        Options d = JunctionMain.parse();
        assertEquals(List.of(), d.iceServers());
        assertNull(d.turnSecret());
        assertEquals(86400, d.turnTtl());
        assertEquals(d, Options.defaults());
        o.toBuilder().build(); // the embedding API accepts what the options accepted
    }

    @Test
    void badValuesNameTheOption() {
        record Row(Map<String, String> env, String[] args, String says) {
        }
        List<Row> rows = List.of(
                new Row(Map.of(), new String[] {"--ice-servers", "stun:ok,http://x"}, "--ice-servers: 'http://x'"),
                new Row(Map.of(), new String[] {"--ice-servers", "turn:h:70000"}, "--ice-servers: 'turn:h:70000'"),
                new Row(Map.of(), new String[] {"--ice-servers", "stun:h?transport=udp"}, "takes no query"),
                new Row(Map.of(), new String[] {"--ice-servers", "turn:h"}, "--ice-servers lists a turn:/turns: URL but --turn-secret"),
                new Row(Map.of("JUNCTION_TURN_SECRET", "short"), new String[] {}, "--turn-secret must be 32..256"),
                new Row(Map.of(), new String[] {"--turn-secret", SECRET + " x"}, "--turn-secret must be 32..256"),
                new Row(Map.of(), new String[] {"--turn-ttl", "59"}, "--turn-ttl must be in 60..604800"),
                new Row(Map.of(), new String[] {"--turn-ttl", "604801"}, "--turn-ttl must be in 60..604800"));
        for (Row row : rows) {
            String m = assertThrows(CommandLine.ParameterException.class, () -> JunctionMain.parse(row.env(), row.args()))
                    .getMessage();
            assertTrue(m.contains(row.says()), m);
            assertFalse(m.contains(SECRET), "the secret is not echoed: " + m);
        }
    }

    @Test
    void theSecretIsMaskedAndACommandLineSecretIsNoticed() {
        Options o = JunctionMain.parse(Map.of("JUNCTION_TURN_SECRET", SECRET), "--ice-servers", "turn:127.0.0.1");
        assertFalse(o.toString().contains(SECRET), o.toString());
        assertTrue(o.toString().contains("turnSecret=***"), o.toString());

        CommandLine fromEnv = JunctionMain.commandLine(Map.of("JUNCTION_TURN_SECRET", SECRET));
        fromEnv.parseArgs();
        assertFalse(JunctionMain.secretOnCommandLine(fromEnv.getParseResult(), "--turn-secret"), "from the environment");
        String[] args = {"--turn-secret", SECRET};
        CommandLine typed = JunctionMain.commandLine(Map.of(), args);
        typed.parseArgs(args);
        assertTrue(JunctionMain.secretOnCommandLine(typed.getParseResult(), "--turn-secret"), "typed on the command line");
    }

    @Test
    void helpNamesTheOptions() {
        String usage = new CommandLine(new JunctionMain()).getUsageMessage();
        for (String option : List.of("--ice-servers", "--turn-secret", "--turn-ttl", "JUNCTION_TURN_SECRET")) {
            assertTrue(usage.contains(option), option + " in\n" + usage);
        }
    }
}
