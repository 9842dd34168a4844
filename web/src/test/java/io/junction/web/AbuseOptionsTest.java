package io.junction.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The hardening options: defaults, the three sources, validation naming the option; secrets-on-command-line warning. */
class AbuseOptionsTest {
    @Test
    void defaultsAndSources() {
        assertEquals(new AbuseOptions(5, 86_400, 64, 10_000, 60, 100, 20), JunctionMain.parse().abuse());
        assertEquals(AbuseOptions.defaults(), JunctionMain.parse().abuse());
        Options o = JunctionMain.parse(Map.of("JUNCTION_MAX_CONNECTIONS_PER_ADDRESS", "500",
                "JUNCTION_TOKEN_MAX_LIFETIME", "3600"), "--ping-timeout", "30", "--max-violations", "7",
                "--token-leeway", "0", "--max-connections", "20", "--http-idle-timeout", "5");
        assertEquals(new AbuseOptions(0, 3600, 500, 20, 30, 7, 5), o.abuse());
    }

    @Test
    void badValuesNameTheOption() {
        String[][] bad = {
            {"--token-leeway", "301", "--token-leeway must be in 0..300"},
            {"--token-max-lifetime", "0", "--token-max-lifetime must be in 1..31622400"},
            {"--max-connections-per-address", "0", "--max-connections-per-address must be in 1..1000000"},
            {"--max-connections", "0", "--max-connections must be in 1..10000000"},
            {"--ping-timeout", "3601", "--ping-timeout must be in 1..3600"},
            {"--max-violations", "0", "--max-violations must be in 1..1000000"},
            {"--http-idle-timeout", "0", "--http-idle-timeout must be in 1..300"},
        };
        for (String[] row : bad) {
            String m = assertThrows(CommandLine.ParameterException.class,
                    () -> JunctionMain.parse(row[0], row[1])).getMessage();
            assertTrue(m.contains(row[2]), m);
        }
    }

    @Test
    void secretsGivenOnTheCommandLineAreNamedButNotFromTheEnvironment() {
        String secret = "0123456789abcdef0123456789abcdef";
        CommandLine cl = JunctionMain.commandLine(Map.of("JUNCTION_ADMIN_TOKEN", "token-from-env"));
        cl.parseArgs("--auth-secret", secret);
        assertEquals(List.of("--auth-secret"), JunctionMain.secretsOnCommandLine(cl.getParseResult()));
        CommandLine env = JunctionMain.commandLine(Map.of("JUNCTION_AUTH_SECRET", secret,
                "JUNCTION_ADMIN_TOKEN", "token-from-env"));
        env.parseArgs();
        assertEquals(List.of(), JunctionMain.secretsOnCommandLine(env.getParseResult()));
        CommandLine all = JunctionMain.commandLine(Map.of());
        all.parseArgs("--admin-token", "abcdefgh1", "--tls-keystore-password", "x", "--tls-key-password", "y");
        assertEquals(List.of("--admin-token", "--tls-keystore-password", "--tls-key-password"),
                JunctionMain.secretsOnCommandLine(all.getParseResult()));
    }
}
