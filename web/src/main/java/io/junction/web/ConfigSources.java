package io.junction.web;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Where option values come from besides the command line, in this order: the environment
 * variable {@code JUNCTION_<NAME>} (the long option name upper-cased, dashes as underscores:
 * {@code --media-port} → {@code JUNCTION_MEDIA_PORT}), then the config file's key {@code <name>}
 * ({@code media-port=10000}, Java properties format), then the built-in default. The command line
 * wins over all of them (picocli only asks this provider for options the command line left out).
 */
final class ConfigSources implements CommandLine.IDefaultValueProvider {
    static final String ENV_PREFIX = "JUNCTION_";
    private final Map<String, String> env;
    private final Properties file;

    ConfigSources(Map<String, String> env, Properties file) {
        this.env = env;
        this.file = file;
    }

    /** The environment variable of a long option name such as {@code --media-port}. */
    static String envName(String longName) {
        return ENV_PREFIX + key(longName).toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** The config file key of a long option name: the name without its dashes. */
    static String key(String longName) {
        return longName.startsWith("--") ? longName.substring(2) : longName;
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec o)) {
            return null;
        }
        String fromEnv = env.get(envName(o.longestName()));
        if (fromEnv != null) {
            return fromEnv;
        }
        return file.getProperty(key(o.longestName()));
    }

    /**
     * Loads the config file named by {@code --config FILE} / {@code --config=FILE} in {@code args},
     * else by {@code JUNCTION_CONFIG}; empty when neither is given. Keys that name no option are
     * refused, so a typo cannot silently fall back to a default.
     */
    static Properties loadFile(String[] args, Map<String, String> env, Set<String> knownKeys) {
        String path = env.get(ENV_PREFIX + "CONFIG");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                path = args[i + 1];
            } else if (args[i].startsWith("--config=")) {
                path = args[i].substring("--config=".length());
            }
        }
        Properties p = new Properties();
        if (path == null) {
            return p;
        }
        try (Reader r = Files.newBufferedReader(Path.of(path), StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalArgumentException("--config: cannot read " + path + ": " + e.getMessage(), e);
        }
        for (String k : p.stringPropertyNames()) {
            if (!knownKeys.contains(k)) {
                throw new IllegalArgumentException("--config: unknown key '" + k + "' in " + path
                        + " (known: " + new java.util.TreeSet<>(knownKeys) + ")");
            }
        }
        return p;
    }
}
