package io.junction.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and resident memory of a process from Linux /proc (proc(5)): utime + stime of
 * {@code /proc/<pid>/stat} in clock ticks, and VmRSS and Threads of {@code /proc/<pid>/status}.
 */
public final class ProcStats {
    /** USER_HZ: 100 on every mainstream Linux architecture (sysconf(_SC_CLK_TCK)). */
    public static final int CLOCK_TICKS_PER_SECOND = 100;

    private ProcStats() {
    }

    /** One reading; {@code cpuNanos} = user + system time; {@code threads} = live threads (-1 unknown). */
    public record Sample(long cpuNanos, long rssKb, int threads) {
    }

    /** Reads a process, or returns null when /proc has no such process (or no /proc). */
    public static Sample read(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
            return new Sample(cpuNanosFromStat(stat), rssKbFromStatus(status), threadsFromStatus(status));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * utime + stime (fields 14 and 15) of a stat line, in ns. The command name (field 2) may hold
     * spaces and parentheses, so fields are counted after its last ')'.
     *
     * @throws IllegalArgumentException when the line is not a stat line
     */
    public static long cpuNanosFromStat(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc stat line: no ')'");
        }
        String[] f = stat.substring(close + 1).trim().split("\\s+");
        if (f.length < 13) {
            throw new IllegalArgumentException("not a /proc stat line: " + f.length + " fields after the name");
        }
        // f[0] is field 3 (state); utime is field 14 -> f[11], stime field 15 -> f[12].
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
    }

    /** VmRSS in kB from a status file, or -1 when absent. */
    public static long rssKbFromStatus(String status) {
        return field(status, "VmRSS:");
    }

    /** Threads (the process's live thread count) from a status file, or -1 when absent. */
    public static int threadsFromStatus(String status) {
        return (int) field(status, "Threads:");
    }

    private static long field(String status, String name) {
        for (String line : status.split("\n")) {
            if (line.startsWith(name)) {
                String v = line.substring(name.length()).trim();
                int sp = v.indexOf(' ');
                return Long.parseLong(sp < 0 ? v : v.substring(0, sp));
            }
        }
        return -1;
    }
}
