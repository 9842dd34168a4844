package io.junction.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** CPU pinning through util-linux {@code taskset} when it is installed. */
public final class Affinity {
    private Affinity() {
    }

    /** The taskset binary, or null when none is on the usual paths. */
    public static String taskset() {
        for (String p : List.of("/usr/bin/taskset", "/bin/taskset", "/usr/local/bin/taskset")) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        return null;
    }

    /** {@code command} prefixed with {@code taskset -c cpus} when both are given. */
    public static List<String> pinned(String cpus, List<String> command) {
        String ts = taskset();
        List<String> out = new ArrayList<>();
        if (cpus != null && ts != null) {
            out.add(ts);
            out.add("-c");
            out.add(cpus);
        }
        out.addAll(command);
        return out;
    }

    /**
     * Pins every thread of this JVM (taskset -a -p -c) to {@code cpus}; returns false when taskset
     * is missing or fails. Threads created later inherit the mask.
     */
    public static boolean pinSelf(String cpus) {
        String ts = taskset();
        if (ts == null) {
            return false;
        }
        try {
            Process p = new ProcessBuilder(ts, "-a", "-p", "-c", cpus, Long.toString(ProcessHandle.current().pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
