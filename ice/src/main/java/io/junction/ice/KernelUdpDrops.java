package io.junction.ice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The kernel's count of datagrams dropped on the media port's sockets (receive buffer full and the
 * like): the {@code drops} column of {@code /proc/net/udp} and {@code /proc/net/udp6} (Linux), summed
 * over the rows whose local port is the media port. Read per metrics scrape, never per packet; where the
 * files do not exist the value is -1.
 */
final class KernelUdpDrops {
    private static final List<Path> FILES = List.of(Path.of("/proc/net/udp"), Path.of("/proc/net/udp6"));

    private KernelUdpDrops() {
    }

    /** Drops of every UDP socket on local port {@code port}, or -1 when no table can be read. */
    static long read(int port) {
        long sum = 0;
        boolean any = false;
        for (Path f : FILES) {
            try {
                sum += parse(Files.readAllLines(f), port);
                any = true;
            } catch (IOException | RuntimeException e) {
                // not Linux, or no IPv6: skip this table
            }
        }
        return any ? sum : -1;
    }

    /**
     * Sums the last column ({@code drops}) of the rows of one table whose {@code local_address} ends in
     * {@code :PORT} (hex). The header row and malformed rows are skipped.
     */
    static long parse(List<String> lines, int port) {
        String suffix = ":" + String.format(Locale.ROOT, "%04X", port);
        long sum = 0;
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 13 || !f[0].endsWith(":") || !f[1].toUpperCase(Locale.ROOT).endsWith(suffix)) {
                continue;
            }
            try {
                sum += Long.parseLong(f[f.length - 1]);
            } catch (NumberFormatException e) {
                // malformed row
            }
        }
        return sum;
    }
}
